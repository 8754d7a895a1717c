#pragma once
// How a document spells AWS's shapes: the API's JSON (camelCase pipelines,
// PutRule's pattern as a string), CloudFormation (PascalCase, intrinsic
// functions, a pattern as an object), or the documents pipec lowers a .pipe
// file into (the API's shapes, built rather than read).

namespace pipec::model {

enum class Dialect { api, cloudformation, dsl };

}  // namespace pipec::model
