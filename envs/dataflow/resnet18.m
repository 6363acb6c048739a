Network ResNet18 {
Layer conv1 {
Type: CONV
Stride { X: 2, Y: 2 }
Dimensions { K: 64, C: 3, R: 7, S: 7, Y: 229, X: 229 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer layer1_0_conv1 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 64, C: 64, R: 3, S: 3, Y: 58, X: 58 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer layer1_0_conv2 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 64, C: 64, R: 3, S: 3, Y: 58, X: 58 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer layer1_1_conv1 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 64, C: 64, R: 3, S: 3, Y: 58, X: 58 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer layer1_1_conv2 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 64, C: 64, R: 3, S: 3, Y: 58, X: 58 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer layer2_0_conv1 {
Type: CONV
Stride { X: 2, Y: 2 }
Dimensions { K: 128, C: 64, R: 3, S: 3, Y: 57, X: 57 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer layer2_0_conv2 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 128, C: 128, R: 3, S: 3, Y: 30, X: 30 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer layer2_0_downsample {
Type: CONV
Stride { X: 2, Y: 2 }
Dimensions { K: 128, C: 64, R: 1, S: 1, Y: 55, X: 55 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer layer2_1_conv1 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 128, C: 128, R: 3, S: 3, Y: 30, X: 30 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer layer2_1_conv2 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 128, C: 128, R: 3, S: 3, Y: 30, X: 30 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer layer3_0_conv1 {
Type: CONV
Stride { X: 2, Y: 2 }
Dimensions { K: 256, C: 128, R: 3, S: 3, Y: 29, X: 29 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer layer3_0_conv2 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 256, C: 256, R: 3, S: 3, Y: 16, X: 16 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer layer3_0_downsample {
Type: CONV
Stride { X: 2, Y: 2 }
Dimensions { K: 256, C: 128, R: 1, S: 1, Y: 27, X: 27 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer layer3_1_conv1 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 256, C: 256, R: 3, S: 3, Y: 16, X: 16 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer layer3_1_conv2 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 256, C: 256, R: 3, S: 3, Y: 16, X: 16 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer layer4_0_conv1 {
Type: CONV
Stride { X: 2, Y: 2 }
Dimensions { K: 512, C: 256, R: 3, S: 3, Y: 15, X: 15 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer layer4_0_conv2 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 512, C: 512, R: 3, S: 3, Y: 9, X: 9 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer layer4_0_downsample {
Type: CONV
Stride { X: 2, Y: 2 }
Dimensions { K: 512, C: 256, R: 1, S: 1, Y: 13, X: 13 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer layer4_1_conv1 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 512, C: 512, R: 3, S: 3, Y: 9, X: 9 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer layer4_1_conv2 {
Type: CONV
Stride { X: 1, Y: 1 }
Dimensions { K: 512, C: 512, R: 3, S: 3, Y: 9, X: 9 }
Dataflow {
  SpatialMap(1,1) K;
}
}

Layer fc {
Type: FC
Stride { X: 1, Y: 1 }
Dimensions { K: 1000, C: 512, R: 1, S: 1, Y: 1, X: 1 }
Dataflow {
  SpatialMap(1,1) K;
}
}
}
