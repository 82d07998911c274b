// model_file.h — dyad's binary model container.
//
// Every trained model (tagger, parser, NER, ...) is one file of named sections. Layout:
//
//   header   : magic "DYADMDL1" (8 bytes), u32 format version, u32 section count,
//              u64 checksum = hash64 of every byte after the header, 16 bytes reserved
//   table    : per section: name (32 bytes, NUL padded), u64 offset, u64 size
//   payload  : sections, each starting at an 8-byte-aligned offset
//
// The file is mmap-ed read-only, so loading costs one checksum pass and numeric arrays are used
// in place (little-endian, as written on x86-64/aarch64). Writing is atomic (tmp + rename).
#pragma once

#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "base/error.h"

namespace dyad {

inline constexpr uint32_t kModelFormatVersion = 1;

// Appends primitive values to a byte buffer; the counterpart of ByteReader.
class ByteWriter {
 public:
  template <typename T>
  void put(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    const auto* p = reinterpret_cast<const char*>(&v);
    buf_.append(p, sizeof(T));
  }
  void put_string(std::string_view s) {
    put<uint32_t>(static_cast<uint32_t>(s.size()));
    buf_.append(s);
  }
  // Writes a u64 count, pads to 8 bytes, then the raw elements: readable in place by get_array.
  template <typename T>
  void put_array(std::span<const T> v) {
    static_assert(std::is_trivially_copyable_v<T> && alignof(T) <= 8);
    put<uint64_t>(v.size());
    align8();
    buf_.append(reinterpret_cast<const char*>(v.data()), v.size_bytes());
  }
  template <typename T>
  void put_array(const std::vector<T>& v) {
    put_array(std::span<const T>(v));
  }
  void align8() { buf_.append((8 - buf_.size() % 8) % 8, '\0'); }
  std::string& bytes() { return buf_; }

 private:
  std::string buf_;
};

// Reads values written by ByteWriter from a section; throws InputError on overrun.
class ByteReader {
 public:
  ByteReader(std::string_view data, std::string where) : data_(data), where_(std::move(where)) {}
  template <typename T>
  T get() {
    static_assert(std::is_trivially_copyable_v<T>);
    need(sizeof(T));
    T v;
    std::memcpy(&v, data_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return v;
  }
  std::string_view get_string() {
    const auto n = get<uint32_t>();
    need(n);
    auto s = data_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  // Zero-copy view of an array written by put_array (the section data must be 8-byte aligned,
  // which ModelFile guarantees).
  template <typename T>
  std::span<const T> get_array() {
    const auto n = get<uint64_t>();
    pos_ += (8 - pos_ % 8) % 8;
    if (n > (data_.size() - std::min(pos_, data_.size())) / sizeof(T)) overrun();
    auto p = reinterpret_cast<const T*>(data_.data() + pos_);
    pos_ += n * sizeof(T);
    return {p, static_cast<size_t>(n)};
  }
  bool done() const { return pos_ >= data_.size(); }

 private:
  void need(size_t n) {
    if (pos_ + n > data_.size()) overrun();
  }
  [[noreturn]] void overrun() { throw InputError(where_, "model section truncated"); }
  std::string_view data_;
  size_t pos_ = 0;
  std::string where_;
};

class ModelWriter {
 public:
  void add(std::string_view name, std::string bytes);
  // Writes all sections to `path` atomically.
  void write(const std::string& path) const;

 private:
  std::vector<std::pair<std::string, std::string>> sections_;
};

// A loaded (mmap-ed) model file. Move-only; unmaps on destruction.
class ModelFile {
 public:
  // Throws InputError naming the file on a missing file, bad magic, version or checksum.
  static ModelFile open(const std::string& path);
  ModelFile() = default;
  ModelFile(ModelFile&& o) noexcept;
  ModelFile& operator=(ModelFile&& o) noexcept;
  ModelFile(const ModelFile&) = delete;
  ModelFile& operator=(const ModelFile&) = delete;
  ~ModelFile();

  bool has(std::string_view name) const;
  // Throws InputError if the section is missing.
  std::string_view section(std::string_view name) const;
  ByteReader reader(std::string_view name) const {
    return ByteReader(section(name), path_ + ":" + std::string(name));
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  const char* base_ = nullptr;
  size_t size_ = 0;
  std::vector<std::pair<std::string, std::string_view>> sections_;
};

}  // namespace dyad
