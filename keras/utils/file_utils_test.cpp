// Tests of keras/utils/file_utils.h: reading with limits, atomic writes,
// temp-file ownership, and the FileError messages.
#include "keras/utils/file_utils.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "keras/core/error.h"

namespace keras {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

class FileUtilsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "keras_file_XXXXXX");
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string path(const std::string& name) const { return dir_ / name; }
  void put(const std::string& name, const std::string& bytes) const {
    std::ofstream(path(name), std::ios::binary) << bytes;
  }
  // Names in the directory (to check that no temp file is left).
  std::vector<std::string> entries() const {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir_)) {
      names.push_back(e.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
  }
  static std::string error_of(const std::function<void()>& f) {
    try {
      f();
    } catch (const FileError& e) {
      return e.what();
    }
    return "";
  }
  // error_of(f) as an unprivileged user: root ignores file permissions, so
  // a forked child drops to "nobody" first. Returns the child's message.
  static std::string error_as_nobody(const std::function<void()>& f) {
    if (::geteuid() != 0) return error_of(f);
    int fds[2];
    if (::pipe(fds) != 0) return "pipe failed";
    const pid_t pid = ::fork();
    if (pid == 0) {
      ::close(fds[0]);
      std::string message = "could not drop privileges";
      if (::setgid(65534) == 0 && ::setuid(65534) == 0) message = error_of(f);
      (void)!::write(fds[1], message.data(), message.size());
      ::_exit(0);
    }
    ::close(fds[1]);
    std::string message;
    char buf[256];
    for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) {
      message.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fds[0]);
    ::waitpid(pid, nullptr, 0);
    return message;
  }

  fs::path dir_;
};

TEST_F(FileUtilsTest, ReadFileReturnsAllBytes) {
  std::string bytes(200000, '\0');
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = char(i * 7);
  put("a.bin", bytes);
  EXPECT_EQ(read_file(path("a.bin")), bytes);
  put("empty", "");
  EXPECT_EQ(read_file(path("empty")), "");
  EXPECT_EQ(read_file("/dev/null", 10), "");  // not a regular file
}

TEST_F(FileUtilsTest, ReadFileErrors) {
  EXPECT_EQ(error_of([] { read_file(""); }),
            "Cannot read a file: the path is empty");
  EXPECT_EQ(error_of([] { write_file_atomic("", "x"); }),
            "Cannot write a file: the path is empty");
  EXPECT_EQ(error_of([&] { read_file(path("missing.json")); }),
            "File not found: " + path("missing.json"));
  EXPECT_EQ(error_of([&] { read_file(dir_.string()); }),
            "Is a directory: " + dir_.string());
  put("f", "x");
  EXPECT_THAT(error_of([&] { read_file(path("f") + "/sub"); }),
              HasSubstr("Not a directory: a component of " + path("f")));
}

TEST_F(FileUtilsTest, ReadFileEnforcesLimit) {
  put("big", std::string(100, 'x'));
  EXPECT_EQ(read_file(path("big"), 100).size(), 100u);
  EXPECT_EQ(error_of([&] { read_file(path("big"), 99); }),
            "File too large: " + path("big") +
                " is 100 bytes, more than the limit of 99 bytes");
  // Files without a size (character devices) are cut off while reading.
  EXPECT_THAT(error_of([] { read_file("/dev/zero", 1000); }),
              HasSubstr("File too large: /dev/zero is at least"));
}

TEST_F(FileUtilsTest, ReadFilePermissionDenied) {
  put("secret", "x");
  fs::permissions(path("secret"), fs::perms::none);
  fs::permissions(dir_, fs::perms::all);  // let "nobody" in
  EXPECT_EQ(error_as_nobody([&] { read_file(path("secret")); }),
            "Permission denied: " + path("secret"));
}

TEST_F(FileUtilsTest, WriteFileAtomicCreatesAndReplaces) {
  write_file_atomic(path("out.json"), "first");
  EXPECT_EQ(read_file(path("out.json")), "first");
  write_file_atomic(path("out.json"), "second, longer");
  EXPECT_EQ(read_file(path("out.json")), "second, longer");
  write_file_atomic(path("out.json"), "");
  EXPECT_EQ(read_file(path("out.json")), "");
  EXPECT_EQ(entries(), std::vector<std::string>{"out.json"});
}

TEST_F(FileUtilsTest, WriteFileAtomicPermissions) {
  // New file: 0666 minus umask, like Python's open(path, "wb").
  const mode_t mask = ::umask(022);
  ::umask(022);
  write_file_atomic(path("new"), "x");
  struct stat st;
  ASSERT_EQ(::stat(path("new").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);
  ::umask(mask);
  // Existing file keeps its mode.
  put("kept", "old");
  ::chmod(path("kept").c_str(), 0640);
  write_file_atomic(path("kept"), "new");
  ASSERT_EQ(::stat(path("kept").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640u);
}

TEST_F(FileUtilsTest, WriteFileAtomicWritesThroughSymlink) {
  put("target", "old");
  fs::create_symlink(path("target"), path("link"));
  write_file_atomic(path("link"), "new");
  EXPECT_TRUE(fs::is_symlink(path("link")));
  EXPECT_EQ(read_file(path("target")), "new");
}

TEST_F(FileUtilsTest, WriteFileAtomicErrors) {
  EXPECT_EQ(error_of([&] { write_file_atomic(path("no/such/dir/x"), "x"); }),
            "Directory not found: " + path("no/such/dir") + " (writing " +
                path("no/such/dir/x") + ")");
  fs::create_directory(path("sub"));
  EXPECT_EQ(error_of([&] { write_file_atomic(path("sub"), "x"); }),
            "Is a directory: " + path("sub"));
  // The failed attempt removed its temporary file.
  EXPECT_EQ(entries(), std::vector<std::string>{"sub"});
}

TEST_F(FileUtilsTest, WriteFileAtomicPermissionDenied) {
  fs::create_directory(path("ro"));
  fs::permissions(path("ro"), fs::perms::owner_read | fs::perms::owner_exec |
                                  fs::perms::others_read |
                                  fs::perms::others_exec);
  fs::permissions(dir_, fs::perms::all);
  EXPECT_EQ(error_as_nobody([&] { write_file_atomic(path("ro/x"), "x"); }),
            "Permission denied: " + path("ro/x"));
  fs::permissions(path("ro"), fs::perms::owner_all);
}

TEST_F(FileUtilsTest, TempFileGuardRemovesUnlessCommitted) {
  std::string tmp_path;
  {
    TempFileGuard tmp = TempFileGuard::beside(path("model.h5"));
    tmp_path = tmp.path();
    EXPECT_EQ(fs::path(tmp_path).parent_path(), dir_);
    EXPECT_THAT(tmp_path, HasSubstr(".model.h5.tmp-"));
    EXPECT_TRUE(fs::exists(tmp_path));
  }
  EXPECT_FALSE(fs::exists(tmp_path));
  {
    TempFileGuard tmp = TempFileGuard::beside(path("model.h5"));
    std::ofstream(tmp.path()) << "data";
    tmp.commit_to(path("model.h5"));
    EXPECT_TRUE(tmp.committed());
  }
  EXPECT_EQ(read_file(path("model.h5")), "data");
  EXPECT_EQ(entries(), std::vector<std::string>{"model.h5"});
  {
    TempFileGuard tmp = TempFileGuard::beside(path("keep"));
    tmp_path = tmp.path();
    tmp.commit();
  }
  EXPECT_TRUE(fs::exists(tmp_path));
}

TEST_F(FileUtilsTest, TempFileGuardMoves) {
  TempFileGuard a = TempFileGuard::beside(path("x"));
  const std::string p = a.path();
  TempFileGuard b(std::move(a));
  EXPECT_TRUE(a.committed());
  EXPECT_EQ(b.path(), p);
  TempFileGuard c = TempFileGuard::beside(path("y"));
  const std::string q = c.path();
  c = std::move(b);  // c's own file is removed, b's is taken over
  EXPECT_FALSE(fs::exists(q));
  EXPECT_TRUE(fs::exists(p));
}

TEST_F(FileUtilsTest, AtomicReplaceErrors) {
  EXPECT_EQ(error_of([&] { atomic_replace(path("nope"), path("final")); }),
            "File not found: " + path("nope"));
  put("tmp", "x");
  fs::create_directory(path("d"));
  put("d/inner", "y");  // a non-empty directory cannot be replaced
  EXPECT_THAT(error_of([&] { atomic_replace(path("tmp"), path("d")); }),
              HasSubstr(path("d")));
}

}  // namespace
}  // namespace keras
