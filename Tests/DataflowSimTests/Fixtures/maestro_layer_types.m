// GEMM, NGCONV, TRCONV and DSCONV layers for DSEGym's agreement test with MAESTRO (issue #18).
Network LayerTypes {
Layer G1_gemm_nmk {
Type: GEMM
Dimensions { M: 128, N: 256, K: 512 }
Dataflow {
TemporalMap(1,1) N; SpatialMap(1,1) M; TemporalMap(64,64) K; Cluster(64, P);
TemporalMap(1,1) N; TemporalMap(1,1) M; SpatialMap(1,1) K;
}
}
Layer G2_gemm_tiles {
Type: GEMM
Dimensions { M: 100, N: 30, K: 200 }
Dataflow {
SpatialMap(4,4) N; TemporalMap(8,8) M; TemporalMap(16,16) K;
}
}
Layer G3_gemm_kspatial {
Type: GEMM
Dimensions { M: 48, N: 40, K: 96 }
Dataflow {
TemporalMap(16,16) M; TemporalMap(8,8) N; SpatialMap(1,1) K;
}
}
Layer N1_ngconv_kcp {
Type: NGCONV
Stride { X: 1, Y: 1 }
Dimensions { G: 8, K: 4, C: 16, R: 3, S: 3, Y: 16, X: 16 }
Dataflow {
TemporalMap(1,1) G; SpatialMap(1,1) K; TemporalMap(16,16) C; TemporalMap(Sz(R),Sz(R)) R; TemporalMap(Sz(S),Sz(S)) S;
TemporalMap(Sz(R),1) Y; TemporalMap(Sz(S),1) X; Cluster(16, P); SpatialMap(1,1) C; TemporalMap(Sz(R),1) Y;
TemporalMap(Sz(S),1) X; TemporalMap(Sz(R),Sz(R)) R; TemporalMap(Sz(S),Sz(S)) S;
}
}
Layer N2_ngconv_xp_s2 {
Type: NGCONV
Stride { X: 2, Y: 2 }
Dimensions { G: 4, K: 2, C: 8, R: 3, S: 3, Y: 17, X: 17 }
Dataflow {
TemporalMap(1,1) G; TemporalMap(1,1) K; TemporalMap(1,1) C; TemporalMap(Sz(R),1) Y; SpatialMap(Sz(S),1) X;
TemporalMap(Sz(R),Sz(R)) R; TemporalMap(Sz(S),Sz(S)) S;
}
}
Layer T1_trconv_xp {
Type: TRCONV
Dimensions { K: 16, C: 32, R: 2, S: 2, Y: 14, X: 14 }
Dataflow {
TemporalMap(1,1) K; TemporalMap(1,1) C; TemporalMap(Sz(R),1) Y; SpatialMap(Sz(S),1) X;
TemporalMap(Sz(R),Sz(R)) R; TemporalMap(Sz(S),Sz(S)) S;
}
}
Layer T2_trconv_nlr {
Type: TRCONV
Dimensions { K: 8, C: 64, R: 3, S: 3, Y: 12, X: 12 }
Dataflow {
TemporalMap(1,1) K; TemporalMap(Sz(R),1) Y; TemporalMap(Sz(S),1) X; TemporalMap(Sz(R),Sz(R)) R;
TemporalMap(Sz(S),Sz(S)) S; SpatialMap(1,1) C;
}
}
Layer D1_dsconv_dpt_s2 {
Type: DSCONV
Stride { X: 2, Y: 2 }
Dimensions { K: 1, C: 32, R: 3, S: 3, Y: 17, X: 17 }
Dataflow {
SpatialMap(1,1) C; TemporalMap(Sz(R),1) Y; TemporalMap(Sz(S),1) X; TemporalMap(Sz(R),Sz(R)) R; TemporalMap(Sz(S),Sz(S)) S;
}
}
}
