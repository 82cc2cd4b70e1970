// keras-cpp: Keras model files from the command line, without Python.
//
//   keras-cpp summary MODEL
//   keras-cpp predict MODEL -i in0.npy [-i in1.npy ...] -o OUTDIR
//   keras-cpp convert IN OUT
//   keras-cpp --plugin libmy_objects.so <command> ...
//
// Exit status 0 on success; 1 with one line on stderr on any error.
#include <dlfcn.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "keras/keras.h"

namespace {

// Loads a shared library whose static initialisers register custom objects.
void load_plugin(const std::string& path) {
  // RTLD_NOW so that a missing symbol fails here with dlerror's message.
  if (dlopen(path.c_str(), RTLD_NOW | RTLD_GLOBAL) == nullptr) {
    throw keras::FileError(std::string("Cannot load plugin: ") + dlerror());
  }
}

int run_summary(const std::string& model_path) {
  auto model = keras::saving::load_model(model_path);
  model->summary(std::cout);
  return 0;
}

int run_predict(const std::string& model_path,
                const std::vector<std::string>& inputs,
                const std::string& out_dir, std::int64_t batch_size) {
  auto model = keras::saving::load_model(model_path, {.compile = false});
  keras::Tensors xs;
  for (const std::string& path : inputs) xs.push_back(keras::load_npy(path));
  const keras::Tensors ys = model->predict(xs, {.batch_size = batch_size});
  std::filesystem::create_directories(out_dir);
  for (std::size_t k = 0; k < ys.size(); ++k) {
    const keras::Tensor& y = ys[k];
    const keras::Tensor out =
        keras::is_float(y.dtype()) && y.dtype() != keras::DType::float64
            ? y.astype(keras::DType::float32)
            : y;
    keras::save_npy(out_dir + "/output_" + std::to_string(k) + ".npy", out);
  }
  return 0;
}

int run_convert(const std::string& in, const std::string& out) {
  auto model = keras::saving::load_model(in);
  model->save(out);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "keras-cpp: load, run and convert Keras model files (.keras) "
      "without Python."};
  app.require_subcommand(1);
  std::vector<std::string> plugins;
  app.add_option("--plugin", plugins,
                 "Shared library registering custom objects (repeatable)");

  std::string model_path, out_path, in_path;
  std::vector<std::string> inputs;
  std::int64_t batch_size = 32;

  auto* summary = app.add_subcommand("summary", "Print Keras' model summary");
  summary->add_option("MODEL", model_path, "Model file (.keras)")->required();

  auto* predict = app.add_subcommand(
      "predict", "Run a model on .npy inputs; writes OUTDIR/output_<k>.npy");
  predict->add_option("MODEL", model_path, "Model file (.keras)")->required();
  predict
      ->add_option("-i,--input", inputs,
                   "Input .npy file, in the model's input order "
                   "(repeatable)")
      ->required();
  predict->add_option("-o,--output", out_path, "Output directory")->required();
  predict->add_option("--batch-size", batch_size, "Batch size (default 32)");

  auto* convert = app.add_subcommand(
      "convert", "Load IN and save it as OUT (format chosen by OUT's suffix)");
  convert->add_option("IN", in_path, "Input model file")->required();
  convert->add_option("OUT", out_path, "Output model file (.keras)")
      ->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 1;
  }
  try {
    for (const std::string& plugin : plugins) load_plugin(plugin);
    if (*summary) return run_summary(model_path);
    if (*predict) return run_predict(model_path, inputs, out_path, batch_size);
    if (*convert) return run_convert(in_path, out_path);
  } catch (const std::exception& e) {
    std::string message = e.what();
    // One line: the first line of the message carries the diagnosis.
    for (char& c : message) {
      if (c == '\n') c = ' ';
    }
    std::cerr << "keras-cpp: error: " << message << "\n";
    return 1;
  }
  return 1;
}
