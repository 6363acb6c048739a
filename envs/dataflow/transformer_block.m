Network TransformerBlock {
Layer q_proj {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 256, C: 256, R: 1, S: 1, Y: 128, X: 1 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer k_proj {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 256, C: 256, R: 1, S: 1, Y: 128, X: 1 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer v_proj {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 256, C: 256, R: 1, S: 1, Y: 128, X: 1 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer scores_qkT {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 128, C: 64, R: 1, S: 1, Y: 128, X: 1, N: 4 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer attn_v {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 64, C: 128, R: 1, S: 1, Y: 128, X: 1, N: 4 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer out_proj {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 256, C: 256, R: 1, S: 1, Y: 128, X: 1 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer ffn1 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 1024, C: 256, R: 1, S: 1, Y: 128, X: 1 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer ffn2 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 256, C: 1024, R: 1, S: 1, Y: 128, X: 1 }
Dataflow {
  SpatialMap(1,1) K;
}
}
}
