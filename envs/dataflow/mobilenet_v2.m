Network MobileNetV2 {
Layer conv1 {
Type: CONV
Stride { X: 2, Y: 2 }
Dimensions { K: 32, C: 3, R: 3, S: 3, Y: 225, X: 225 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b1_0_dw {
Type: DWCONV
Stride { X: 1, Y: 1 }
Dimensions { K: 32, C: 32, R: 3, S: 3, Y: 114, X: 114 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b1_0_project {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 16, C: 32, R: 1, S: 1, Y: 112, X: 112 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b2_0_expand {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 96, C: 16, R: 1, S: 1, Y: 112, X: 112 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b2_0_dw {
Type: DWCONV
Stride { X: 2, Y: 2 }
Dimensions { K: 96, C: 96, R: 3, S: 3, Y: 113, X: 113 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b2_0_project {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 24, C: 96, R: 1, S: 1, Y: 56, X: 56 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b2_1_expand {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 144, C: 24, R: 1, S: 1, Y: 56, X: 56 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b2_1_dw {
Type: DWCONV
Stride { X: 1, Y: 1 }
Dimensions { K: 144, C: 144, R: 3, S: 3, Y: 58, X: 58 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b2_1_project {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 24, C: 144, R: 1, S: 1, Y: 56, X: 56 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b3_0_expand {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 144, C: 24, R: 1, S: 1, Y: 56, X: 56 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b3_0_dw {
Type: DWCONV
Stride { X: 2, Y: 2 }
Dimensions { K: 144, C: 144, R: 3, S: 3, Y: 57, X: 57 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b3_0_project {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 32, C: 144, R: 1, S: 1, Y: 28, X: 28 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b3_1_expand {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 192, C: 32, R: 1, S: 1, Y: 28, X: 28 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b3_1_dw {
Type: DWCONV
Stride { X: 1, Y: 1 }
Dimensions { K: 192, C: 192, R: 3, S: 3, Y: 30, X: 30 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b3_1_project {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 32, C: 192, R: 1, S: 1, Y: 28, X: 28 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b3_2_expand {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 192, C: 32, R: 1, S: 1, Y: 28, X: 28 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b3_2_dw {
Type: DWCONV
Stride { X: 1, Y: 1 }
Dimensions { K: 192, C: 192, R: 3, S: 3, Y: 30, X: 30 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b3_2_project {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 32, C: 192, R: 1, S: 1, Y: 28, X: 28 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b4_0_expand {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 192, C: 32, R: 1, S: 1, Y: 28, X: 28 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b4_0_dw {
Type: DWCONV
Stride { X: 2, Y: 2 }
Dimensions { K: 192, C: 192, R: 3, S: 3, Y: 29, X: 29 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b4_0_project {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 64, C: 192, R: 1, S: 1, Y: 14, X: 14 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b4_1_expand {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 384, C: 64, R: 1, S: 1, Y: 14, X: 14 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b4_1_dw {
Type: DWCONV
Stride { X: 1, Y: 1 }
Dimensions { K: 384, C: 384, R: 3, S: 3, Y: 16, X: 16 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b4_1_project {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 64, C: 384, R: 1, S: 1, Y: 14, X: 14 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b4_2_expand {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 384, C: 64, R: 1, S: 1, Y: 14, X: 14 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b4_2_dw {
Type: DWCONV
Stride { X: 1, Y: 1 }
Dimensions { K: 384, C: 384, R: 3, S: 3, Y: 16, X: 16 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b4_2_project {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 64, C: 384, R: 1, S: 1, Y: 14, X: 14 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b4_3_expand {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 384, C: 64, R: 1, S: 1, Y: 14, X: 14 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b4_3_dw {
Type: DWCONV
Stride { X: 1, Y: 1 }
Dimensions { K: 384, C: 384, R: 3, S: 3, Y: 16, X: 16 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b4_3_project {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 64, C: 384, R: 1, S: 1, Y: 14, X: 14 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b5_0_expand {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 384, C: 64, R: 1, S: 1, Y: 14, X: 14 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b5_0_dw {
Type: DWCONV
Stride { X: 1, Y: 1 }
Dimensions { K: 384, C: 384, R: 3, S: 3, Y: 16, X: 16 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b5_0_project {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 96, C: 384, R: 1, S: 1, Y: 14, X: 14 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b5_1_expand {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 576, C: 96, R: 1, S: 1, Y: 14, X: 14 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b5_1_dw {
Type: DWCONV
Stride { X: 1, Y: 1 }
Dimensions { K: 576, C: 576, R: 3, S: 3, Y: 16, X: 16 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b5_1_project {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 96, C: 576, R: 1, S: 1, Y: 14, X: 14 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b5_2_expand {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 576, C: 96, R: 1, S: 1, Y: 14, X: 14 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b5_2_dw {
Type: DWCONV
Stride { X: 1, Y: 1 }
Dimensions { K: 576, C: 576, R: 3, S: 3, Y: 16, X: 16 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b5_2_project {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 96, C: 576, R: 1, S: 1, Y: 14, X: 14 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b6_0_expand {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 576, C: 96, R: 1, S: 1, Y: 14, X: 14 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b6_0_dw {
Type: DWCONV
Stride { X: 2, Y: 2 }
Dimensions { K: 576, C: 576, R: 3, S: 3, Y: 15, X: 15 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b6_0_project {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 160, C: 576, R: 1, S: 1, Y: 7, X: 7 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b6_1_expand {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 960, C: 160, R: 1, S: 1, Y: 7, X: 7 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b6_1_dw {
Type: DWCONV
Stride { X: 1, Y: 1 }
Dimensions { K: 960, C: 960, R: 3, S: 3, Y: 9, X: 9 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b6_1_project {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 160, C: 960, R: 1, S: 1, Y: 7, X: 7 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b6_2_expand {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 960, C: 160, R: 1, S: 1, Y: 7, X: 7 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b6_2_dw {
Type: DWCONV
Stride { X: 1, Y: 1 }
Dimensions { K: 960, C: 960, R: 3, S: 3, Y: 9, X: 9 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b6_2_project {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 160, C: 960, R: 1, S: 1, Y: 7, X: 7 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b7_0_expand {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 960, C: 160, R: 1, S: 1, Y: 7, X: 7 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b7_0_dw {
Type: DWCONV
Stride { X: 1, Y: 1 }
Dimensions { K: 960, C: 960, R: 3, S: 3, Y: 9, X: 9 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer b7_0_project {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 320, C: 960, R: 1, S: 1, Y: 7, X: 7 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer conv_last {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 1280, C: 320, R: 1, S: 1, Y: 7, X: 7 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer fc {
Type: FC
Stride { X: 1, Y: 1 }
Dimensions { K: 1000, C: 1280, R: 1, S: 1, Y: 1, X: 1 }
Dataflow {
  SpatialMap(1,1) K;
}
}
}
