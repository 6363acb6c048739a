Network KWSDSCNN {
Layer conv1 {
Type: CONV
Stride { X: 2, Y: 2 }
Dimensions { K: 64, C: 1, R: 10, S: 4, Y: 58, X: 13 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer ds0_dw {
Type: DWCONV
Stride { X: 1, Y: 1 }
Dimensions { K: 64, C: 64, R: 3, S: 3, Y: 27, X: 7 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer ds0_pw {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 64, C: 64, R: 1, S: 1, Y: 25, X: 5 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer ds1_dw {
Type: DWCONV
Stride { X: 1, Y: 1 }
Dimensions { K: 64, C: 64, R: 3, S: 3, Y: 27, X: 7 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer ds1_pw {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 64, C: 64, R: 1, S: 1, Y: 25, X: 5 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer ds2_dw {
Type: DWCONV
Stride { X: 1, Y: 1 }
Dimensions { K: 64, C: 64, R: 3, S: 3, Y: 27, X: 7 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer ds2_pw {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 64, C: 64, R: 1, S: 1, Y: 25, X: 5 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer ds3_dw {
Type: DWCONV
Stride { X: 1, Y: 1 }
Dimensions { K: 64, C: 64, R: 3, S: 3, Y: 27, X: 7 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer ds3_pw {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 64, C: 64, R: 1, S: 1, Y: 25, X: 5 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer fc {
Type: FC
Stride { X: 1, Y: 1 }
Dimensions { K: 12, C: 64, R: 1, S: 1, Y: 1, X: 1 }
Dataflow {
  SpatialMap(1,1) K;
}
}
}
