#include "cli/commands.h"

namespace pipec::cli {

std::string_view version() { return PIPEC_VERSION; }

}  // namespace pipec::cli
