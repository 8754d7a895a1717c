#pragma once
// `pipec import`'s reading of values: a document's value (a string, a
// number, or a CloudFormation intrinsic function) as text the .pipe language
// can write, with AWS::AccountId, AWS::Region and AWS::Partition as its
// ${account}, ${region} and ${partition}; or why it cannot be written.

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "emit/pipe_source.h"
#include "syntax/document.h"

namespace pipec::driver {

/// A value as the language can write it, or why it cannot.
struct ImportedValue {
  std::optional<emit::PipeText> text;
  std::string why;  ///< when there is no text: what was found ("!GetAtt Role.Arn")
};
[[nodiscard]] ImportedValue cannot_import(std::string why);

/// The value at `node`: text, a number or a boolean as written, or what
/// !Ref, !Sub and !Join of pseudo-parameters and text make; with
/// `parameters`, a template parameter of those names is its ${Name}.
[[nodiscard]] ImportedValue import_value(const syntax::Document& doc, syntax::NodeId node,
                                         const std::set<std::string, std::less<>>* parameters = nullptr);

/// How an intrinsic function is written in a template, for messages: "!GetAtt Role.Arn".
[[nodiscard]] std::string describe_intrinsic(const syntax::Document& doc, syntax::NodeId node);

/// The resource a !Ref or !GetAtt names: its logical ID and attribute ("" for !Ref).
[[nodiscard]] std::optional<std::pair<std::string, std::string>> referenced_resource(const syntax::Document& doc,
                                                                                    syntax::NodeId node);

/// Text read back from JSON that held ${account}, ${region} or ${partition}
/// (a !Sub'd EnvironmentVariables): those are the pseudo-parameters again.
[[nodiscard]] emit::PipeText with_pseudo(std::string_view text);

/// Where `text` holds an account id: 12 digits, not part of a longer number
/// (offset, length).
[[nodiscard]] std::vector<std::pair<std::size_t, std::size_t>> account_ids(std::string_view text);

}  // namespace pipec::driver
