// `pipec generate man|bash|zsh|fish`: the man page or a completion script,
// made from the commands' own definitions. Hidden from --help; the build runs
// it (compiler/cli/CMakeLists.txt) and `cmake --install` installs the files.

#include "cli/cli_description.h"
#include "cli/exit_codes.h"
#include "source/write_file.h"

namespace pipec::cli {

const std::vector<std::string>& generated_kinds() {
  static const std::vector<std::string> kinds = {"man", "bash", "zsh", "fish"};
  return kinds;
}

int run_generate(const CliDescription& cli, const std::string& what, const std::optional<std::string>& output_file,
                 Output& output) {
  std::string text;
  if (what == "man") {
    text = render_man_page(cli);
  } else if (what == "bash") {
    text = render_bash_completion(cli);
  } else if (what == "zsh") {
    text = render_zsh_completion(cli);
  } else if (what == "fish") {
    text = render_fish_completion(cli);
  } else {
    output.err += "pipec generate: expected man, bash, zsh or fish, not \"" + what + "\"\n";
    return kExitUsage;
  }
  if (!output_file) {
    output.out += text;
    return kExitClean;
  }
  if (const auto error = source::write_file_atomically(*output_file, text)) {
    output.err += "pipec generate: " + *error + "\n";
    return kExitUsage;
  }
  return kExitClean;
}

}  // namespace pipec::cli
