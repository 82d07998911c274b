// paths.h — where dyad finds its models and the shared data sets.
#pragma once

#include <string>

namespace dyad {

// Folder of trained models: $DYAD_MODELS, else <source tree>/models.
std::string models_dir();
// Folder holding the shared data sets (../shared/data beside the checkout): $DYAD_SHARED/data,
// else <source tree>/../shared/data.
std::string shared_data_dir();
// Repository root (compiled in; overridable with $DYAD_HOME).
std::string source_dir();

// Reads a whole file; throws dyad::InputError naming the file if it cannot.
std::string read_file(const std::string& path);
// Reads a file, transparently gunzipping names ending in ".gz".
std::string read_maybe_gz(const std::string& path);
// Writes atomically: to path + ".tmp", then rename.
void write_file_atomic(const std::string& path, std::string_view data);

}  // namespace dyad
