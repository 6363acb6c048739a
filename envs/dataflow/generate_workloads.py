# Writes DNN workloads as MAESTRO mapping files (dimensions only; the environments add the dataflow).
def layer(name, t, K, C, R, S, Y, X, stride=1, N=1):
    dims = f"K: {K}, C: {C}, R: {R}, S: {S}, Y: {Y}, X: {X}" + (f", N: {N}" if N != 1 else "")
    return f"Layer {name} {{\nType: {t}\nStride {{ X: {stride}, Y: {stride} }}\nDimensions {{ {dims} }}\nDataflow {{\n  SpatialMap(1,1) K;\n}}\n}}\n"

def conv(name, K, C, k, out, stride=1, t="CONV"):
    # MAESTRO convention: Y/X are (padded) input sizes; output = (Y-k)/stride+1.
    y = (out - 1) * stride + k
    return layer(name, t, K, C, k, k, y, y, stride)

def write(fname, net, layers):
    with open(fname, "w") as f:
        f.write(f"Network {net} {{\n" + "\n".join(layers) + "}\n")

# ResNet-18 (He et al. 2016), ImageNet 224x224.
L = [conv("conv1", 64, 3, 7, 112, 2)]
cfg = [(64, 56, 1), (128, 28, 2), (256, 14, 2), (512, 7, 2)]
cin = 64
for i, (c, out, s) in enumerate(cfg, 1):
    for b in range(2):
        st = s if b == 0 else 1
        L.append(conv(f"layer{i}_{b}_conv1", c, cin, 3, out, st))
        L.append(conv(f"layer{i}_{b}_conv2", c, c, 3, out, 1))
        if b == 0 and (st != 1 or cin != c):
            L.append(conv(f"layer{i}_{b}_downsample", c, cin, 1, out, st))
        cin = c
L.append(layer("fc", "FC", 1000, 512, 1, 1, 1, 1))
write("resnet18.m", "ResNet18", L)

# ResNet-50 bottlenecks.
L = [conv("conv1", 64, 3, 7, 112, 2)]
cfg = [(64, 56, 1, 3), (128, 28, 2, 4), (256, 14, 2, 6), (512, 7, 2, 3)]
cin = 64
for i, (c, out, s, n) in enumerate(cfg, 1):
    for b in range(n):
        st = s if b == 0 else 1
        L.append(conv(f"layer{i}_{b}_conv1", c, cin, 1, out * st if st > 1 else out, 1))
        L.append(conv(f"layer{i}_{b}_conv2", c, c, 3, out, st))
        L.append(conv(f"layer{i}_{b}_conv3", 4 * c, c, 1, out, 1))
        if b == 0:
            L.append(conv(f"layer{i}_{b}_downsample", 4 * c, cin, 1, out, st))
        cin = 4 * c
L.append(layer("fc", "FC", 1000, 2048, 1, 1, 1, 1))
write("resnet50.m", "ResNet50", L)

# MobileNet-V2 (Sandler et al. 2018), 224x224.
L = [conv("conv1", 32, 3, 3, 112, 2)]
cin, size = 32, 112
blocks = [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)]
for bi, (t, c, n, s) in enumerate(blocks, 1):
    for j in range(n):
        st = s if j == 0 else 1
        hidden = cin * t
        out = size // st
        if t != 1:
            L.append(conv(f"b{bi}_{j}_expand", hidden, cin, 1, size, 1))
        L.append(conv(f"b{bi}_{j}_dw", hidden, hidden, 3, out, st, t="DWCONV"))
        L.append(conv(f"b{bi}_{j}_project", c, hidden, 1, out, 1))
        cin, size = c, out
L.append(conv("conv_last", 1280, 320, 1, 7, 1))
L.append(layer("fc", "FC", 1000, 1280, 1, 1, 1, 1))
write("mobilenet_v2.m", "MobileNetV2", L)

# A small transformer encoder block: d_model 256, 4 heads of 64, sequence 128, FFN 1024.
# GEMMs as 1x1 convolutions: K = output features, C = input features, Y = sequence; N = heads.
T = 128
L = [layer("q_proj", "CONV", 256, 256, 1, 1, T, 1), layer("k_proj", "CONV", 256, 256, 1, 1, T, 1),
     layer("v_proj", "CONV", 256, 256, 1, 1, T, 1),
     layer("scores_qkT", "CONV", T, 64, 1, 1, T, 1, N=4), layer("attn_v", "CONV", 64, T, 1, 1, T, 1, N=4),
     layer("out_proj", "CONV", 256, 256, 1, 1, T, 1),
     layer("ffn1", "CONV", 1024, 256, 1, 1, T, 1), layer("ffn2", "CONV", 256, 1024, 1, 1, T, 1)]
write("transformer_block.m", "TransformerBlock", L)

# CIFAR-10 ResNet-style net (NASAIC-size classification backbone), 32x32.
L = [conv("conv1", 16, 3, 3, 32)]
for i, (c, out, s) in enumerate([(16, 32, 1), (32, 16, 2), (64, 8, 2)], 1):
    cin = 16 if i == 1 else c // 2
    L.append(conv(f"stage{i}_conv1", c, cin, 3, out, s))
    L.append(conv(f"stage{i}_conv2", c, c, 3, out))
    if s != 1:
        L.append(conv(f"stage{i}_shortcut", c, cin, 1, out, s))
L.append(layer("fc", "FC", 10, 64, 1, 1, 1, 1))
write("cifar10_resnet.m", "CIFAR10ResNet", L)

# STL-10 CNN (96x96 inputs; NASAIC's second classification workload size).
L = [conv("conv1", 32, 3, 3, 96), conv("conv2", 64, 32, 3, 48, 2), conv("conv3", 64, 64, 3, 48),
     conv("conv4", 128, 64, 3, 24, 2), conv("conv5", 128, 128, 3, 24), conv("conv6", 256, 128, 3, 12, 2),
     layer("fc", "FC", 10, 256, 1, 1, 1, 1)]
write("stl10_cnn.m", "STL10CNN", L)

# Keyword spotting DS-CNN (Zhang et al. 2017, "Hello Edge", small): 49x10 MFCC input.
L = [layer("conv1", "CONV", 64, 1, 10, 4, 49 + 9, 10 + 3, 2)]
for i in range(4):
    L.append(layer(f"ds{i}_dw", "DWCONV", 64, 64, 3, 3, 25 + 2, 5 + 2, 1))
    L.append(layer(f"ds{i}_pw", "CONV", 64, 64, 1, 1, 25, 5, 1))
L.append(layer("fc", "FC", 12, 64, 1, 1, 1, 1))
write("kws_dscnn.m", "KWSDSCNN", L)
