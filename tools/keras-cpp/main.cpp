// keras-cpp: Keras model files from the command line, without Python.
//
//   keras-cpp summary MODEL
//   keras-cpp predict MODEL -i in0.npy [-i in1.npy ...] -o OUTDIR
//   keras-cpp fit MODEL -x x0.npy [-x ...] -y y0.npy [-y ...] --epochs N
//             --batch-size B [--no-shuffle] [--validation-split F]
//             [--weights W] [--verbose V] [--history H.json] -o OUT.keras
//   keras-cpp convert IN OUT [--weights W [--skip-mismatch] [--by-name]]
//             [--max-shard-size MB] [--keras-version 3.N]
//   keras-cpp inspect FILE [--json]
//   keras-cpp diff A B
//   keras-cpp edit FILE --rename OLD NEW --delete PATH --set PATH=x.npy -o OUT
//   keras-cpp verify MODEL --inputs DIR --expected DIR [--rtol R --atol A]
//   keras-cpp --plugin libmy_objects.so <command> ...
//
// The work is done by keras/saving/file_editor.h; this file parses options.
// Exit status 0 on success; 1 with one line on stderr on any error; `diff`
// exits 1 when the files differ and `verify` when an output mismatches.
#include <dlfcn.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "keras/keras.h"
#include "keras/saving/file_editor.h"

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

struct FitArgs {
  std::vector<std::string> x, y;
  std::int64_t epochs = 1;
  std::int64_t batch_size = 32;
  bool no_shuffle = false;
  double validation_split = 0.0;
  std::string weights;
  std::optional<int> verbose;
  std::string history;
};

// Trains a compiled model file and saves it; with --weights the training
// starts from those weights with a fresh optimizer built from the file's
// compile_config (the file's optimizer state is dropped).
int run_fit(const std::string& model_path, const FitArgs& args,
            const std::string& out_path) {
  auto model = keras::saving::load_model(model_path);
  if (!model->compiled()) {
    throw keras::ValueError(
        model_path +
        " is not compiled (it has no compile_config): compile the model and "
        "save it before training it with keras-cpp fit.");
  }
  if (!args.weights.empty()) {
    model->load_weights(args.weights);
    model->compile_from_config(model->get_compile_config());
  }
  keras::Tensors xs, ys;
  for (const std::string& path : args.x) xs.push_back(keras::load_npy(path));
  for (const std::string& path : args.y) ys.push_back(keras::load_npy(path));
  // Keras' verbose="auto" is the progress bar; off a terminal one line per
  // epoch reads better in logs.
  const int verbose = args.verbose.value_or(isatty(STDOUT_FILENO) ? 1 : 2);
  const auto history = model->fit(xs, ys,
                                  {.batch_size = args.batch_size,
                                   .epochs = args.epochs,
                                   .verbose = verbose,
                                   .shuffle = !args.no_shuffle,
                                   .validation_split = args.validation_split});
  if (!args.history.empty()) {
    keras::Json record = keras::Json::object();
    for (const auto& [key, values] : history.history) record[key] = values;
    std::ofstream file(args.history);
    file << keras::dump_json(record, 2) << "\n";
    if (!file) {
      throw keras::FileError("Cannot write the history to " + args.history);
    }
  }
  model->save(out_path);
  if (verbose != 0) std::cout << "wrote " << out_path << "\n";
  return 0;
}

struct EditArgs {
  std::vector<std::string> renames;  // OLD NEW OLD NEW ...
  std::vector<std::string> deletes;
  std::vector<std::string> sets;  // PATH=weights.npy
};

int run_edit(const std::string& in, const EditArgs& args,
             const std::string& out, std::optional<double> shard_mb) {
  keras::saving::KerasFileEditor editor(in);
  for (std::size_t i = 0; i + 1 < args.renames.size(); i += 2) {
    editor.rename_object(args.renames[i], args.renames[i + 1]);
  }
  for (const std::string& path : args.deletes) editor.delete_path(path);
  for (const std::string& set : args.sets) {
    const std::size_t eq = set.rfind('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == set.size()) {
      throw keras::ValueError("--set expects PATH=weights.npy. Received: " +
                              set);
    }
    editor.set_weight(set.substr(0, eq), keras::load_npy(set.substr(eq + 1)));
  }
  editor.save(out, {.max_shard_size = shard_mb});
  std::cout << "wrote " << out << "\n";
  return 0;
}

// --max-shard-size is in MB on the command line; the library takes GB.
std::optional<double> shard_gb(double mb) {
  if (mb < 0) return std::nullopt;
  if (mb == 0) throw keras::ValueError("--max-shard-size must be positive.");
  return mb / 1024.0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "keras-cpp: load, run and convert Keras model files (.keras) "
      "without Python."};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("keras-cpp ") +
                                        keras::version() + " (Keras " +
                                        keras::kKerasVersion + " files)");
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

  FitArgs fit_args;
  auto* fit = app.add_subcommand(
      "fit", "Train a compiled model file on .npy data and save it");
  fit->add_option("MODEL", model_path, "Compiled model file (.keras)")
      ->required();
  fit->add_option("-x", fit_args.x,
                  "Input .npy, in the model's input order (repeatable)")
      ->required();
  fit->add_option("-y", fit_args.y,
                  "Target .npy, in the model's output order (repeatable)")
      ->required();
  fit->add_option("--epochs", fit_args.epochs, "Epochs (default 1)");
  fit->add_option("--batch-size", fit_args.batch_size,
                  "Batch size (default 32)");
  fit->add_flag("--no-shuffle", fit_args.no_shuffle,
                "Keep the sample order (Keras' shuffle=False)");
  fit->add_option("--validation-split", fit_args.validation_split,
                  "Fraction of the data, from the end, to validate on");
  fit->add_option("--weights", fit_args.weights,
                  "Start from these weights (.weights.h5) with a fresh "
                  "optimizer");
  fit->add_option("--verbose", fit_args.verbose,
                  "0 silent, 1 progress bar, 2 one line per epoch (default: "
                  "1 on a terminal, else 2)");
  fit->add_option("--history", fit_args.history,
                  "Write the per-epoch logs (History) as JSON");
  fit->add_option("-o,--output", out_path, "Output model file (.keras)")
      ->required();

  std::string weights_path, second_path;
  double max_shard_mb = -1;
  auto* convert = app.add_subcommand(
      "convert",
      "Convert IN to OUT; OUT's form picks the format: x.keras, x.h5 "
      "(legacy), x.weights.h5, x.weights.json (sharded), DIR (no suffix)");
  convert->add_option("IN", in_path, "Input file (any format, or model.json)")
      ->required();
  convert->add_option("OUT", out_path, "Output path")->required();
  convert->add_option(
      "--weights", weights_path,
      "Weights for a model.json IN (.weights.h5/.json, legacy .h5, .keras)");
  bool skip_mismatch = false, by_name = false;
  convert->add_flag("--skip-mismatch", skip_mismatch,
                    "Skip --weights that do not fit the model (warning)");
  convert->add_flag("--by-name", by_name,
                    "Match legacy .h5 --weights to layers by name");
  std::string keras_version;
  convert->add_option("--keras-version", keras_version,
                      "Write OUT for this Keras release (3.0 ... 3.15)");
  convert->add_option("--max-shard-size", max_shard_mb,
                      "Shard size in MB for a .weights.json OUT");

  bool as_json = false;
  auto* inspect = app.add_subcommand(
      "inspect", "Print a file's objects, variables, config and metadata");
  inspect->add_option("FILE", in_path, "Any Keras file")->required();
  inspect->add_flag("--json", as_json, "Machine-readable JSON");

  auto* diff = app.add_subcommand(
      "diff", "Config and weight differences (exit 1 when they differ)");
  diff->add_option("A", in_path, "First file")->required();
  diff->add_option("B", second_path, "Second file")->required();

  EditArgs edit_args;
  auto* edit = app.add_subcommand("edit", "Rename/delete/set weights");
  edit->add_option("FILE", in_path, "Input file")->required();
  edit->add_option("--rename", edit_args.renames,
                   "OLD NEW: rename an object (repeatable)")
      ->expected(2);
  edit->add_option("--delete", edit_args.deletes,
                   "Delete an object or a weight path (repeatable)");
  edit->add_option("--set", edit_args.sets,
                   "PATH=weights.npy: replace a weight (repeatable)");
  edit->add_option("-o,--output", out_path, "Output file")->required();
  edit->add_option("--max-shard-size", max_shard_mb,
                   "Shard size in MB for a .weights.json output");

  std::string inputs_dir, expected_dir;
  keras::saving::VerifyOptions verify_options;
  auto* verify = app.add_subcommand(
      "verify", "Compare predictions with expected .npy outputs");
  verify->add_option("MODEL", model_path, "Model file")->required();
  verify->add_option("--inputs", inputs_dir, "Directory of input_<i>.npy")
      ->required();
  verify
      ->add_option("--expected", expected_dir, "Directory of expected_<k>.npy")
      ->required();
  verify->add_option("--rtol", verify_options.rtol, "Relative tolerance");
  verify->add_option("--atol", verify_options.atol, "Absolute tolerance");
  verify->add_option("--batch-size", verify_options.batch_size, "Batch size");

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
    if (*fit) return run_fit(model_path, fit_args, out_path);
    if (*convert) {
      keras::saving::convert_file(in_path, out_path,
                                  {.weights = weights_path,
                                   .max_shard_size = shard_gb(max_shard_mb),
                                   .skip_mismatch = skip_mismatch,
                                   .by_name = by_name,
                                   .keras_version = keras_version});
      return 0;
    }
    if (*inspect) {
      keras::saving::KerasFileEditor editor(in_path);
      if (as_json) {
        std::cout << keras::dump_json(editor.summary_json(), 2) << "\n";
      } else {
        editor.print_summary(std::cout);
      }
      return 0;
    }
    if (*diff) {
      const keras::saving::KerasFileEditor a(in_path), b(second_path);
      return keras::saving::diff_files(a, b, std::cout) ? 1 : 0;
    }
    if (*edit)
      return run_edit(in_path, edit_args, out_path, shard_gb(max_shard_mb));
    if (*verify) {
      auto model = keras::saving::load_model(model_path, {.compile = false});
      return keras::saving::verify_model(*model, inputs_dir, expected_dir,
                                         verify_options, std::cout)
                 ? 0
                 : 1;
    }
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
