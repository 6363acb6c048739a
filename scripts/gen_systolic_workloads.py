#!/usr/bin/env python3
"""Writes envs/systolic/*.csv (SCALE-Sim topology format), which the systolic environment reads.
Shapes: see envs/systolic/README.md.

SCALE-Sim has no padding and computes out = ceil((H - F + s) / s); ifmap sizes below include the padding
and are chosen so that formula gives each paper's output size."""
import math, os

CONV = "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,"
GEMM = "Layer name, M, N, K,"

def padded(out, f, s):
    # smallest H with ceil((H - f + s)/s) == out and H >= f
    h = (out - 1) * s + f
    assert math.ceil((h - f + s) / s) == out
    return h

def conv(name, out, f, c, n, s=1):
    h = padded(out, f, s)
    return f"{name}, {h}, {h}, {f}, {f}, {c}, {n}, {s},"

def alexnet():
    return [CONV,
        conv("Conv1", 55, 11, 3, 96, 4), conv("Conv2", 27, 5, 96, 256), conv("Conv3", 13, 3, 256, 384),
        conv("Conv4", 13, 3, 384, 384), conv("Conv5", 13, 3, 384, 256),
        "FC6, 6, 6, 6, 6, 256, 4096, 1,", "FC7, 1, 1, 1, 1, 4096, 4096, 1,", "FC8, 1, 1, 1, 1, 4096, 1000, 1,"]

def resnet18():
    rows = [CONV, conv("Conv1", 112, 7, 3, 64, 2)]
    c_in, size = 64, 56
    for stage, c in enumerate([64, 128, 256, 512], start=2):
        for block in range(2):
            s = 2 if (block == 0 and stage > 2) else 1
            out = size // s
            rows.append(conv(f"Conv{stage}_{block+1}a", out, 3, c_in, c, s))
            rows.append(conv(f"Conv{stage}_{block+1}b", out, 3, c, c))
            if s == 2:
                rows.append(conv(f"Conv{stage}_{block+1}_down", out, 1, c_in, c, 2))
            c_in, size = c, out
    rows.append("FC1000, 1, 1, 1, 1, 512, 1000, 1,")
    return rows

def mobilenet_v1():
    rows = [CONV, conv("Conv1", 112, 3, 3, 32, 2)]
    plan = [(64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2)] + [(512, 1)] * 5 + [(1024, 2), (1024, 1)]
    c, size = 32, 112
    for i, (n, s) in enumerate(plan, start=1):
        out = size // s
        rows.append(conv(f"Conv{i}_DP", out, 3, c, 1, s))
        rows.append(conv(f"Conv{i}_PW", out, 1, c, n))
        c, size = n, out
    rows.append("FC1000, 1, 1, 1, 1, 1024, 1000, 1,")
    return rows

def mobilenet_v2():
    rows = [CONV, conv("Conv1", 112, 3, 3, 32, 2)]
    table = [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)]
    c, size, k = 32, 112, 0
    for t, n_out, n, s in table:
        for i in range(n):
            k += 1
            stride = s if i == 0 else 1
            out = size // stride
            hidden = c * t
            if t != 1:
                rows.append(conv(f"B{k}_expand", size, 1, c, hidden))
            rows.append(conv(f"B{k}_DP", out, 3, hidden, 1, stride))
            rows.append(conv(f"B{k}_project", out, 1, hidden, n_out))
            c, size = n_out, out
    rows.append(conv("Conv_last", 7, 1, 320, 1280))
    rows.append("FC1000, 1, 1, 1, 1, 1280, 1000, 1,")
    return rows

def bert_base(seq=128, hidden=768, heads=12, ffn=3072, layers=12):
    d = hidden // heads
    rows = [GEMM]
    for l in range(1, layers + 1):
        rows.append(f"L{l}_QKV, {seq}, {3*hidden}, {hidden},")
        for h in range(1, heads + 1):
            rows.append(f"L{l}_H{h}_scores, {seq}, {seq}, {d},")
        for h in range(1, heads + 1):
            rows.append(f"L{l}_H{h}_context, {seq}, {d}, {seq},")
        rows.append(f"L{l}_attn_out, {seq}, {hidden}, {hidden},")
        rows.append(f"L{l}_FFN1, {seq}, {ffn}, {hidden},")
        rows.append(f"L{l}_FFN2, {seq}, {hidden}, {ffn},")
    return rows

WORKLOADS = [("resnet18", "conv", resnet18()), ("alexnet", "conv", alexnet()),
             ("mobilenet_v1", "conv", mobilenet_v1()), ("mobilenet_v2", "conv", mobilenet_v2()),
             ("bert_base", "gemm", bert_base())]

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
for name, kind, rows in WORKLOADS:
    with open(os.path.join(root, "envs", "systolic", f"{name}.csv"), "w") as f:
        f.write("\n".join(rows) + "\n")
