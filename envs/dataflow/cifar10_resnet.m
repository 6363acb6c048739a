Network CIFAR10ResNet {
Layer conv1 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 16, C: 3, R: 3, S: 3, Y: 34, X: 34 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer stage1_conv1 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 16, C: 16, R: 3, S: 3, Y: 34, X: 34 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer stage1_conv2 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 16, C: 16, R: 3, S: 3, Y: 34, X: 34 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer stage2_conv1 {
Type: CONV
Stride { X: 2, Y: 2 }
Dimensions { K: 32, C: 16, R: 3, S: 3, Y: 33, X: 33 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer stage2_conv2 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 32, C: 32, R: 3, S: 3, Y: 18, X: 18 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer stage2_shortcut {
Type: CONV
Stride { X: 2, Y: 2 }
Dimensions { K: 32, C: 16, R: 1, S: 1, Y: 31, X: 31 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer stage3_conv1 {
Type: CONV
Stride { X: 2, Y: 2 }
Dimensions { K: 64, C: 32, R: 3, S: 3, Y: 17, X: 17 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer stage3_conv2 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 64, C: 64, R: 3, S: 3, Y: 10, X: 10 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer stage3_shortcut {
Type: CONV
Stride { X: 2, Y: 2 }
Dimensions { K: 64, C: 32, R: 1, S: 1, Y: 15, X: 15 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer fc {
Type: FC
Stride { X: 1, Y: 1 }
Dimensions { K: 10, C: 64, R: 1, S: 1, Y: 1, X: 1 }
Dataflow {
  SpatialMap(1,1) K;
}
}
}
