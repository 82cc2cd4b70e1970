// einsum (einsum.h): the equation is parsed into integer axis labels (letters
// by character code, ellipsis dims by position from the right), then reduced
// to sums, transposes, reshapes and one batched matmul per operand pair.
#include "keras/ops/einsum.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "keras/core/error.h"
#include "keras/ops/internal/common.h"
#include "keras/ops/numpy.h"

namespace keras::ops {

namespace {

using Labels = std::vector<int>;
using LabelSet = std::set<int>;

// Ellipsis dims get labels kEllipsis - k, k = 1 for the last one, so they
// align from the right across operands as broadcasting does.
constexpr int kEllipsis = 1000;

std::string label_str(int label) {
  if (label < 256) return std::string(1, static_cast<char>(label));
  return "...";
}

struct Term {
  std::vector<int> letters;
  bool has_ellipsis = false;
  std::size_t ellipsis_at = 0;  // letters before the ellipsis
};

Term parse_term(const std::string& text, const std::string& equation) {
  Term term;
  for (std::size_t i = 0; i < text.size();) {
    if (text.compare(i, 3, "...") == 0) {
      if (term.has_ellipsis) {
        throw ValueError(str("einsum: more than one ellipsis in a term of \"",
                             equation, "\"."));
      }
      term.has_ellipsis = true;
      term.ellipsis_at = term.letters.size();
      i += 3;
      continue;
    }
    const char c = text[i];
    if (!std::isalpha(static_cast<unsigned char>(c))) {
      throw ValueError(str("einsum: invalid character '", c, "' in equation \"",
                           equation, "\"."));
    }
    term.letters.push_back(c);
    ++i;
  }
  return term;
}

Labels expand(const Term& term, std::size_t ellipsis_dims) {
  const std::size_t split = term.has_ellipsis ? term.ellipsis_at : 0;
  Labels out(term.letters.begin(), term.letters.begin() + split);
  for (std::size_t k = ellipsis_dims; k > 0; --k) {
    out.push_back(kEllipsis - static_cast<int>(k));
  }
  out.insert(out.end(), term.letters.begin() + split, term.letters.end());
  return out;
}

struct Parsed {
  std::vector<Labels> inputs;
  Labels output;
  std::map<int, std::int64_t> sizes;  // -1 = unknown
};

Parsed parse(const std::string& raw, const Tensors& operands) {
  std::string equation;
  for (char c : raw) {
    if (!std::isspace(static_cast<unsigned char>(c))) equation += c;
  }
  const std::size_t arrow = equation.find("->");
  const std::string lhs = equation.substr(0, arrow);
  std::vector<std::string> texts;
  for (std::size_t start = 0;;) {
    const std::size_t comma = lhs.find(',', start);
    texts.push_back(lhs.substr(start, comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (texts.size() != operands.size()) {
    throw ValueError(str("einsum: the equation \"", raw, "\" has ",
                         texts.size(), " input terms but ", operands.size(),
                         " operands were given."));
  }
  Parsed parsed;
  std::size_t max_ellipsis = 0;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const Term term = parse_term(texts[i], raw);
    const std::size_t rank = operands[i].shape().size();
    if (rank < term.letters.size() ||
        (!term.has_ellipsis && rank != term.letters.size())) {
      throw ValueError(str("einsum: operand ", i, " has shape ",
                           shape_str(operands[i].shape()),
                           ", which does not match the term \"", texts[i],
                           "\" of \"", raw, "\"."));
    }
    const std::size_t ellipsis = rank - term.letters.size();
    max_ellipsis = std::max(max_ellipsis, ellipsis);
    Labels labels = expand(term, ellipsis);
    for (std::size_t axis = 0; axis < labels.size(); ++axis) {
      const int label = labels[axis];
      if (std::count(labels.begin(), labels.end(), label) > 1) {
        throw NotImplementedError(str("einsum: the label '", label_str(label),
                                      "' repeats within "
                                      "the term \"",
                                      texts[i],
                                      "\" (diagonals are not supported)."));
      }
      const std::int64_t d = operands[i].shape()[axis];
      auto [it, fresh] = parsed.sizes.emplace(label, d);
      if (fresh || d < 0 || d == it->second) continue;
      if (it->second < 0 || it->second == 1) {
        it->second = d;
      } else if (d != 1) {
        throw ValueError(
            str("einsum: the label '", label_str(label), "' has size ",
                it->second, " and ", d, " in \"", raw, "\" (operand shapes ",
                shape_str(operands[0].shape()),
                operands.size() > 1 ? ", " + shape_str(operands[1].shape())
                                    : std::string(),
                ")."));
      }
    }
    parsed.inputs.push_back(std::move(labels));
  }
  if (arrow != std::string::npos) {
    const Term out = parse_term(equation.substr(arrow + 2), raw);
    parsed.output = expand(out, out.has_ellipsis ? max_ellipsis : 0);
    for (int label : parsed.output) {
      if (std::count(parsed.output.begin(), parsed.output.end(), label) > 1) {
        throw ValueError(str("einsum: the output label '", label_str(label),
                             "' repeats in \"", raw, "\"."));
      }
      if (!parsed.sizes.count(label)) {
        throw ValueError(str("einsum: the output label '", label_str(label),
                             "' of \"", raw,
                             "\" does not appear in any input term."));
      }
    }
  } else {
    // NumPy's implicit output: ellipsis dims, then once-used letters sorted.
    std::map<int, int> uses;
    for (const Labels& labels : parsed.inputs) {
      for (int label : labels) ++uses[label];
    }
    for (std::size_t k = max_ellipsis; k > 0; --k) {
      parsed.output.push_back(kEllipsis - static_cast<int>(k));
    }
    for (const auto& [label, n] : uses) {
      if (label < 256 && n == 1) parsed.output.push_back(label);
    }
  }
  return parsed;
}

std::int64_t product(const Tensor& x, const Labels& labels,
                     const Labels& which) {
  std::int64_t n = 1;
  for (int label : which) {
    const auto axis = std::find(labels.begin(), labels.end(), label);
    n *= x.shape()[static_cast<std::size_t>(axis - labels.begin())];
  }
  return n;
}

// x with its axes ordered as `order` (a permutation of `labels`).
Tensor permute(const Tensor& x, const Labels& labels, const Labels& order) {
  Axes perm;
  bool identity = true;
  for (int label : order) {
    const auto axis = std::find(labels.begin(), labels.end(), label);
    perm.push_back(axis - labels.begin());
    identity =
        identity && perm.back() == static_cast<std::int64_t>(perm.size() - 1);
  }
  return identity ? x : transpose(x, perm);
}

Tensor reshape_if(const Tensor& x, const Shape& shape) {
  return x.shape() == shape ? x : reshape(x, shape);
}

// Sums the axes of x whose labels are not in `keep`.
Tensor sum_out(const Tensor& x, Labels& labels, const LabelSet& keep) {
  Axes axes;
  Labels kept;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (keep.count(labels[i])) {
      kept.push_back(labels[i]);
    } else {
      axes.push_back(static_cast<std::int64_t>(i));
    }
  }
  if (axes.empty()) return x;
  labels = kept;
  return sum(x, axes);
}

std::size_t position(const Labels& labels, int label) {
  return static_cast<std::size_t>(
      std::find(labels.begin(), labels.end(), label) - labels.begin());
}

// a (labels la) times b (labels lb), keeping the labels in `keep`; `order`
// (the final output) decides which operand goes left in the matmul.
Tensor contract(Tensor a, Labels& la, Tensor b, Labels lb, const LabelSet& keep,
                const Labels& order) {
  LabelSet keep_a = keep, keep_b = keep;
  keep_a.insert(lb.begin(), lb.end());
  keep_b.insert(la.begin(), la.end());
  a = sum_out(a, la, keep_a);
  b = sum_out(b, lb, keep_b);
  Labels batch, contracted, free_a, free_b;
  for (int label : la) {
    const bool shared = std::count(lb.begin(), lb.end(), label) > 0;
    if (!shared) {
      free_a.push_back(label);
    } else if (keep.count(label)) {
      batch.push_back(label);
    } else {
      contracted.push_back(label);
    }
  }
  for (int label : lb) {
    if (!std::count(la.begin(), la.end(), label)) free_b.push_back(label);
  }
  // A contracted label of size 1 on one side broadcasts against the other.
  for (int label : contracted) {
    const std::int64_t da = a.shape()[position(la, label)];
    const std::int64_t db = b.shape()[position(lb, label)];
    if (da == db) continue;
    if (da == 1) {
      Shape s = a.shape();
      s[position(la, label)] = db;
      a = broadcast_to(a, s);
    } else {
      Shape s = b.shape();
      s[position(lb, label)] = da;
      b = broadcast_to(b, s);
    }
  }
  // Lays an operand out as [batch..., rows, cols] for the matmul.
  const auto matrix = [&](const Tensor& x, const Labels& labels,
                          const Labels& first, const Labels& second) {
    Labels order_x = batch;
    order_x.insert(order_x.end(), first.begin(), first.end());
    order_x.insert(order_x.end(), second.begin(), second.end());
    Tensor t = permute(x, labels, order_x);
    Shape shape;
    for (int label : batch) shape.push_back(x.shape()[position(labels, label)]);
    shape.push_back(product(x, labels, first));
    shape.push_back(product(x, labels, second));
    return reshape_if(t, shape);
  };
  const bool swap = !free_a.empty() && !free_b.empty() &&
                    position(order, free_b[0]) < position(order, free_a[0]);
  Tensor left, right;
  Labels free_left = swap ? free_b : free_a;
  Labels free_right = swap ? free_a : free_b;
  const Tensor& x_left = swap ? b : a;
  const Tensor& x_right = swap ? a : b;
  const Labels& l_left = swap ? lb : la;
  const Labels& l_right = swap ? la : lb;
  left = matrix(x_left, l_left, free_left, contracted);
  right = matrix(x_right, l_right, contracted, free_right);
  Tensor c = matmul(left, right);
  Shape shape(c.shape().begin(), c.shape().end() - 2);
  for (int label : free_left) {
    shape.push_back(x_left.shape()[position(l_left, label)]);
  }
  for (int label : free_right) {
    shape.push_back(x_right.shape()[position(l_right, label)]);
  }
  la = batch;
  la.insert(la.end(), free_left.begin(), free_left.end());
  la.insert(la.end(), free_right.begin(), free_right.end());
  return reshape_if(c, shape);
}

}  // namespace

Tensor einsum(const std::string& equation, const Tensors& operands) {
  if (operands.empty()) {
    throw ValueError("einsum: at least one operand is required.");
  }
  for (const Tensor& t : operands) internal::check_defined("einsum", {&t});
  Parsed p = parse(equation, operands);
  const bool symbolic =
      std::any_of(operands.begin(), operands.end(),
                  [](const Tensor& t) { return t.is_symbolic(); });
  if (symbolic) {
    DType dtype = operands[0].dtype();
    for (const Tensor& t : operands) {
      dtype = internal::promote_types(dtype, t.dtype());
    }
    if (dtype == DType::float16 || dtype == DType::bfloat16) {
      dtype = DType::float32;
    }
    Shape shape;
    for (int label : p.output) shape.push_back(p.sizes.at(label));
    return Tensor::symbolic(shape, dtype);
  }
  const LabelSet out_set(p.output.begin(), p.output.end());
  Tensor acc = operands[0];
  Labels labels = p.inputs[0];
  for (std::size_t i = 1; i < operands.size(); ++i) {
    LabelSet keep = out_set;
    for (std::size_t j = i + 1; j < operands.size(); ++j) {
      keep.insert(p.inputs[j].begin(), p.inputs[j].end());
    }
    acc = contract(acc, labels, operands[i], p.inputs[i], keep, p.output);
  }
  acc = sum_out(acc, labels, out_set);
  return permute(acc, labels, p.output);
}

Tensor einsum(const std::string& equation, const Tensor& a) {
  return einsum(equation, Tensors{a});
}

Tensor einsum(const std::string& equation, const Tensor& a, const Tensor& b) {
  return einsum(equation, Tensors{a, b});
}

}  // namespace keras::ops
