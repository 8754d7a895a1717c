#pragma once
// The values of the DSL's pseudo-parameters (account, region, partition)
// and template parameters where a command needs them written out:
// `--var name=value`, or a suite's `vars:`. CloudFormation knows them
// itself; CodePipeline JSON does not.

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pipec::dsl {

/// Pseudo-parameter or parameter name -> value.
using Vars = std::map<std::string, std::string>;

/// Parses and checks `name=value` items; on a bad one, says why in `error`.
[[nodiscard]] std::optional<Vars> parse_vars(const std::vector<std::string>& items, std::string& error);

}  // namespace pipec::dsl
