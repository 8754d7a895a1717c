#pragma once
// The AWS Toolkit for Azure DevOps tasks an Azure Pipelines YAML file runs:
// every `- task: NAME@VERSION` step, wherever it sits (steps, jobs, stages,
// deployment strategies, templates), with its inputs. Rules look for the
// ECR push task (ECRPushImage@1) among them.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/located.h"

namespace pipec::model {

class Workspace;

struct AzureTask {
  const syntax::Document* document = nullptr;
  syntax::NodeId node = syntax::kNoNode;    ///< the step
  Text reference;                           ///< "ECRPushImage@1", as written
  std::string name;                         ///< "ECRPushImage"
  std::optional<std::string> version;       ///< "1"; nothing when no "@"
  syntax::NodeId inputs = syntax::kNoNode;  ///< the `inputs` mapping (or `with`, which no task reads)

  /// A task name compares case-insensitively, as Azure Pipelines resolves it.
  [[nodiscard]] bool is(std::string_view task) const;
};

/// Collects the task steps of an Azure Pipelines document.
void lower_azure_tasks(Workspace& ws, const syntax::Document& doc);

}  // namespace pipec::model
