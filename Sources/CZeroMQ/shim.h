// libzmq's C API (Debian package libzmq3-dev). Named CZeroMQ, not CZMQ: that is zeromq's own binding.
#include <zmq.h>
