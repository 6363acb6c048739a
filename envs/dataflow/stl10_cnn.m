Network STL10CNN {
Layer conv1 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 32, C: 3, R: 3, S: 3, Y: 98, X: 98 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer conv2 {
Type: CONV
Stride { X: 2, Y: 2 }
Dimensions { K: 64, C: 32, R: 3, S: 3, Y: 97, X: 97 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer conv3 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 64, C: 64, R: 3, S: 3, Y: 50, X: 50 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer conv4 {
Type: CONV
Stride { X: 2, Y: 2 }
Dimensions { K: 128, C: 64, R: 3, S: 3, Y: 49, X: 49 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer conv5 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 128, C: 128, R: 3, S: 3, Y: 26, X: 26 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer conv6 {
Type: CONV
Stride { X: 2, Y: 2 }
Dimensions { K: 256, C: 128, R: 3, S: 3, Y: 25, X: 25 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer fc {
Type: FC
Stride { X: 1, Y: 1 }
Dimensions { K: 10, C: 256, R: 1, S: 1, Y: 1, X: 1 }
Dataflow {
  SpatialMap(1,1) K;
}
}
}
