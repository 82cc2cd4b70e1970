// Registers the built-in layers of keras/layers/rnn/.
#include "keras/layers/register_layers.h"
#include "keras/layers/rnn/bidirectional.h"
#include "keras/layers/rnn/conv_lstm1d.h"
#include "keras/layers/rnn/conv_lstm2d.h"
#include "keras/layers/rnn/conv_lstm3d.h"
#include "keras/layers/rnn/gru.h"
#include "keras/layers/rnn/lstm.h"
#include "keras/layers/rnn/simple_rnn.h"
#include "keras/layers/rnn/stacked_rnn_cells.h"
#include "keras/layers/rnn/time_distributed.h"

namespace keras::layers {

void register_rnn_layers() {
  register_layer<SimpleRNNCellLayer>("SimpleRNNCell");
  register_layer<LSTMCellLayer>("LSTMCell");
  register_layer<GRUCellLayer>("GRUCell");
  register_layer<StackedRNNCellsLayer>("StackedRNNCells");
  register_layer<RNNLayer>("RNN");
  register_layer<SimpleRNNLayer>("SimpleRNN");
  register_layer<LSTMLayer>("LSTM");
  register_layer<GRULayer>("GRU");
  register_layer<BidirectionalLayer>("Bidirectional");
  register_layer<TimeDistributedLayer>("TimeDistributed");
  register_layer<ConvLSTM1DLayer>("ConvLSTM1D");
  register_layer<ConvLSTM2DLayer>("ConvLSTM2D");
  register_layer<ConvLSTM3DLayer>("ConvLSTM3D");
}

}  // namespace keras::layers
