#include "dsl/vars.h"

#include <fmt/core.h>

#include <algorithm>
#include <cctype>

#include "aws/arn.h"

namespace pipec::dsl {

namespace {

std::optional<std::string> check_var(const std::string& name, const std::string& value) {
  const auto all = [&](auto predicate) { return !value.empty() && std::all_of(value.begin(), value.end(), predicate); };
  if (name == "account") {
    if (aws::is_account_id(value)) return std::nullopt;
    return "an account ID is 12 digits";
  }
  if (name == "region") {
    if (all([](char c) { return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '-'; }) &&
        value.find('-') != std::string::npos) {
      return std::nullopt;
    }
    return "a Region is written like us-east-1";
  }
  if (name == "partition") {
    if (value == "aws" || value.starts_with("aws-")) return std::nullopt;
    return "a partition is aws, aws-cn, aws-us-gov, …";
  }
  // Any other name is a template parameter's (`parameter NAME = …`), which
  // CloudFormation names with letters and digits; the build checks that the
  // file declares it.
  if (!name.empty() && std::all_of(name.begin(), name.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; })) {
    return std::nullopt;
  }
  return "a name is account, region, partition, or a parameter of the file (letters and digits)";
}

}  // namespace

std::optional<Vars> parse_vars(const std::vector<std::string>& items, std::string& error) {
  Vars vars;
  for (const auto& v : items) {
    const auto eq = v.find('=');
    if (eq == std::string::npos) {
      error = fmt::format("--var {}: expected name=value, such as account=123456789012", v);
      return std::nullopt;
    }
    const std::string name = v.substr(0, eq);
    const std::string value = v.substr(eq + 1);
    if (const auto problem = check_var(name, value)) {
      error = fmt::format("--var {}: {}", v, *problem);
      return std::nullopt;
    }
    vars[name] = value;
  }
  return vars;
}

}  // namespace pipec::dsl
