// examples/consumer: load a .keras file with an installed keras.cpp, print its
// summary.
//
//   consumer model.keras
#include <keras/keras.h>

#include <iostream>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: consumer MODEL.keras\n";
    return 2;
  }
  std::cout << "keras.cpp " << keras::version() << " (writes Keras "
            << keras::kKerasVersion << " files)\n";
  try {
    auto model = keras::saving::load_model(argv[1]);
    model->summary();
    return 0;
  } catch (const keras::Error& e) {
    std::cerr << "consumer: " << e.what() << "\n";
    return 1;
  }
}
