// File: keras/version.h
// -----------------------------------------------------------------------------
// Versions. keras.cpp has its own version (semantic versioning, listed in
// CHANGELOG.md) and writes files in the format of one Keras release:
//
//   std::cout << keras::version();         // "0.1.0", the library linked in
//   std::cout << keras::kKerasVersion;      // "3.15.1", metadata.json's
//   keras_version
//
// CMake reads the KERAS_CPP_VERSION_* lines below (project version, the
// .deb, pkg-config and the CMake package); change the version here only.
// -----------------------------------------------------------------------------
#pragma once

#define KERAS_CPP_VERSION_MAJOR 0
#define KERAS_CPP_VERSION_MINOR 1
#define KERAS_CPP_VERSION_PATCH 0
#define KERAS_CPP_VERSION_STRING "0.1.0"

// The Keras release whose file format keras.cpp writes: the `keras_version`
// of every metadata.json and legacy .h5 file it saves
// (keras::saving::kKerasFormatVersion, checked equal by version_test).
#define KERAS_CPP_KERAS_VERSION "3.15.1"

namespace keras {

// The version these headers belong to.
inline constexpr const char* kVersion = KERAS_CPP_VERSION_STRING;
inline constexpr int kVersionMajor = KERAS_CPP_VERSION_MAJOR;
inline constexpr int kVersionMinor = KERAS_CPP_VERSION_MINOR;
inline constexpr int kVersionPatch = KERAS_CPP_VERSION_PATCH;

// The Keras version saves write (Keras 3's metadata.json "keras_version").
inline constexpr const char* kKerasVersion = KERAS_CPP_KERAS_VERSION;

// The version of the library actually linked (compiled into it), so a program
// can tell when its headers and the installed library differ.
const char* version() noexcept;

}  // namespace keras
