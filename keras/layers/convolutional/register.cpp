// Registers the built-in layers of keras/layers/convolutional/ (with Keras'
// short aliases such as Convolution2D).
#include "keras/layers/convolutional/conv1d.h"
#include "keras/layers/convolutional/conv1d_transpose.h"
#include "keras/layers/convolutional/conv2d.h"
#include "keras/layers/convolutional/conv2d_transpose.h"
#include "keras/layers/convolutional/conv3d.h"
#include "keras/layers/convolutional/conv3d_transpose.h"
#include "keras/layers/convolutional/depthwise_conv1d.h"
#include "keras/layers/convolutional/depthwise_conv2d.h"
#include "keras/layers/convolutional/separable_conv1d.h"
#include "keras/layers/convolutional/separable_conv2d.h"
#include "keras/layers/register_layers.h"

namespace keras::layers {

void register_convolutional_layers() {
  register_layer<Conv1DLayer>("Conv1D");
  register_layer<Conv2DLayer>("Conv2D");
  register_layer<Conv3DLayer>("Conv3D");
  register_layer<Conv1DTransposeLayer>("Conv1DTranspose");
  register_layer<Conv2DTransposeLayer>("Conv2DTranspose");
  register_layer<Conv3DTransposeLayer>("Conv3DTranspose");
  register_layer<SeparableConv1DLayer>("SeparableConv1D");
  register_layer<SeparableConv2DLayer>("SeparableConv2D");
  register_layer<DepthwiseConv1DLayer>("DepthwiseConv1D");
  register_layer<DepthwiseConv2DLayer>("DepthwiseConv2D");
  register_layer<Conv1DLayer>("Convolution1D");
  register_layer<Conv2DLayer>("Convolution2D");
  register_layer<Conv3DLayer>("Convolution3D");
  register_layer<Conv1DTransposeLayer>("Convolution1DTranspose");
  register_layer<Conv2DTransposeLayer>("Convolution2DTranspose");
  register_layer<Conv3DTransposeLayer>("Convolution3DTranspose");
  register_layer<SeparableConv1DLayer>("SeparableConvolution1D");
  register_layer<SeparableConv2DLayer>("SeparableConvolution2D");
}

}  // namespace keras::layers
