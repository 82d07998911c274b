#include "base/model_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <utility>

#include "base/hash.h"
#include "base/paths.h"

namespace dyad {
namespace {

constexpr char kMagic[8] = {'D', 'Y', 'A', 'D', 'M', 'D', 'L', '1'};
constexpr size_t kHeaderSize = 8 + 4 + 4 + 8 + 16;
constexpr size_t kNameSize = 32;
constexpr size_t kEntrySize = kNameSize + 8 + 8;

}  // namespace

void ModelWriter::add(std::string_view name, std::string bytes) {
  if (name.size() >= kNameSize) throw InputError(std::string(name), "model section name too long");
  sections_.emplace_back(std::string(name), std::move(bytes));
}

void ModelWriter::write(const std::string& path) const {
  std::string body;  // table + payload
  const size_t table_size = sections_.size() * kEntrySize;
  size_t offset = kHeaderSize + table_size;
  offset += (8 - offset % 8) % 8;
  std::string payload;
  std::string table;
  for (const auto& [name, bytes] : sections_) {
    char entry[kEntrySize] = {};
    std::memcpy(entry, name.data(), name.size());
    const uint64_t off = offset + payload.size(), size = bytes.size();
    std::memcpy(entry + kNameSize, &off, 8);
    std::memcpy(entry + kNameSize + 8, &size, 8);
    table.append(entry, kEntrySize);
    payload += bytes;
    payload.append((8 - payload.size() % 8) % 8, '\0');
  }
  body = table;
  body.append((8 - (kHeaderSize + body.size()) % 8) % 8, '\0');
  body += payload;

  std::string out(kHeaderSize, '\0');
  std::memcpy(out.data(), kMagic, 8);
  const uint32_t version = kModelFormatVersion, count = static_cast<uint32_t>(sections_.size());
  const uint64_t checksum = hash64(body);
  std::memcpy(out.data() + 8, &version, 4);
  std::memcpy(out.data() + 12, &count, 4);
  std::memcpy(out.data() + 16, &checksum, 8);
  out += body;
  write_file_atomic(path, out);
}

ModelFile ModelFile::open(const std::string& path) {
  ModelFile m;
  m.path_ = path;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw InputError(path, "cannot open model file (run `dyad train`?)");
  struct stat st {};
  if (fstat(fd, &st) != 0 || st.st_size < static_cast<off_t>(kHeaderSize)) {
    ::close(fd);
    throw InputError(path, "not a dyad model file (too short)");
  }
  m.size_ = static_cast<size_t>(st.st_size);
  void* p = mmap(nullptr, m.size_, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (p == MAP_FAILED) throw InputError(path, "mmap failed");
  m.base_ = static_cast<const char*>(p);
  if (std::memcmp(m.base_, kMagic, 8) != 0) throw InputError(path, "not a dyad model file (bad magic)");
  uint32_t version, count;
  uint64_t checksum;
  std::memcpy(&version, m.base_ + 8, 4);
  std::memcpy(&count, m.base_ + 12, 4);
  std::memcpy(&checksum, m.base_ + 16, 8);
  if (version != kModelFormatVersion)
    throw InputError(path, "model format version " + std::to_string(version) + ", expected " +
                               std::to_string(kModelFormatVersion) + " (retrain with `dyad train`)");
  if (hash64(m.base_ + kHeaderSize, m.size_ - kHeaderSize) != checksum)
    throw InputError(path, "model file checksum mismatch (corrupt or truncated)");
  if (kHeaderSize + static_cast<size_t>(count) * kEntrySize > m.size_)
    throw InputError(path, "bad section table");
  for (uint32_t i = 0; i < count; ++i) {
    const char* e = m.base_ + kHeaderSize + i * kEntrySize;
    uint64_t off, size;
    std::memcpy(&off, e + kNameSize, 8);
    std::memcpy(&size, e + kNameSize + 8, 8);
    if (off > m.size_ || size > m.size_ - off) throw InputError(path, "section out of bounds");
    m.sections_.emplace_back(std::string(e, strnlen(e, kNameSize)), std::string_view(m.base_ + off, size));
  }
  return m;
}

ModelFile::ModelFile(ModelFile&& o) noexcept { *this = std::move(o); }

ModelFile& ModelFile::operator=(ModelFile&& o) noexcept {
  if (this != &o) {
    if (base_) munmap(const_cast<char*>(base_), size_);
    path_ = std::move(o.path_);
    base_ = std::exchange(o.base_, nullptr);
    size_ = std::exchange(o.size_, 0);
    sections_ = std::move(o.sections_);
  }
  return *this;
}

ModelFile::~ModelFile() {
  if (base_) munmap(const_cast<char*>(base_), size_);
}

bool ModelFile::has(std::string_view name) const {
  return std::any_of(sections_.begin(), sections_.end(), [&](const auto& s) { return s.first == name; });
}

std::string_view ModelFile::section(std::string_view name) const {
  for (const auto& [n, data] : sections_)
    if (n == name) return data;
  throw InputError(path_, "model has no section '" + std::string(name) + "'");
}

}  // namespace dyad
