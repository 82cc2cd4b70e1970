// File: keras/ops/ops.h
// Everything in keras::ops (what `keras.ops` is in Python).
#pragma once

#include "keras/ops/autograd.h"
#include "keras/ops/core.h"
#include "keras/ops/image.h"
#include "keras/ops/nn.h"
#include "keras/ops/numpy.h"
#include "keras/ops/operators.h"
