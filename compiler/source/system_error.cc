#include "source/system_error.h"

#include <cctype>
#include <cstring>

namespace pipec::source {

std::string errno_text(int error) {
  std::string text = std::strerror(error);
  if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  return text;
}

std::string failure_text(std::string_view what, std::string_view path, int error) {
  std::string text(what);
  text += ' ';
  text += path;
  text += ": ";
  text += errno_text(error);
  return text;
}

}  // namespace pipec::source
