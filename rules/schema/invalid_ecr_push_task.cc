#include <fmt/core.h>

#include <cctype>
#include <string>
#include <vector>

#include "check/rule.h"
#include "rules/support.h"
#include "util/text.h"

namespace pipec::rules {

namespace invalid_ecr_push_task {
namespace {

constexpr std::string_view kTask = "ECRPushImage";

bool truthy(const syntax::Document& doc, syntax::NodeId value) {
  if (doc.is(value, syntax::NodeKind::boolean)) return doc.node(value).boolean;
  return doc.is(value, syntax::NodeKind::string) && (doc.node(value).text == "true" || doc.node(value).text == "True");
}

// YAML 1.1 reads yes, no, on and off as booleans, and so does pipec's
// reader (CloudFormation's YAML); the task reads its inputs as text and takes
// only "true" (in any case) as true, so `yes` turns an option off.
void booleans_as_written(const check::Context& context, check::Reporter& out, const model::AzureTask& task) {
  const auto& doc = *task.document;
  const std::string_view source = context.workspace.sources.file(doc.file()).text();
  for (const auto& m : doc.members(task.inputs)) {
    // "no" and "off" read as false too, as meant.
    if (!doc.is(m.value, syntax::NodeKind::boolean) || !doc.node(m.value).boolean) continue;
    const auto& span = doc.node(m.value).span;
    std::string written(source.substr(span.begin, span.size()));
    for (auto& c : written) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (written == "true" || written == "false") continue;
    out.report(span, fmt::format("{} is {}, which the task reads as false", util::quote(m.key), util::quote(std::string(source.substr(span.begin, span.size())))))
        .with_label("not \"true\"")
        .with_note("the task takes only \"true\" as true; YAML's yes, on and y are text to it")
        .with_help("write true or false");
  }
}

void check(const check::Context& context, check::Reporter& out) {
  std::vector<SchemaJob> jobs;
  for (const auto& task : context.workspace.azure_tasks) {
    if (!task.is(kTask)) continue;
    const auto& doc = *task.document;
    // The toolkit has only ever published major version 1 of the task.
    if (!task.version || (*task.version != "1" && !task.version->starts_with("1."))) {
      out.report(task.reference.span, task.version ? fmt::format("task {} has no version {}, expected {}@1", kTask, util::quote(*task.version), kTask)
                                                   : fmt::format("task reference {} has no version, expected {}@1", util::quote(task.reference.value), kTask))
          .with_label("no such version")
          .with_help(fmt::format("write {}@1", kTask));
    }
    if (!doc.is(task.inputs, syntax::NodeKind::object)) {
      out.report(task.reference.span, fmt::format("task {} has no inputs, and needs at least repositoryName and sourceImageName", task.reference.value))
          .with_label("no inputs")
          .with_help("add inputs: {repositoryName: …, sourceImageName: …} (the image to push, and the ECR repository to push it to)");
      continue;
    }
    jobs.push_back({"azure/ecr-push-image.json", &doc, task.inputs});
    booleans_as_written(context, out, task);
    // forceDockerNamingConventions lower-cases the name and deletes every
    // character but a-z, 0-9, '-', '_' and '.': a namespace's "/" too.
    const auto repository = doc.get(task.inputs, "repositoryName");
    if (truthy(doc, doc.get(task.inputs, "forceDockerNamingConventions")) && doc.is(repository, syntax::NodeKind::string)) {
      const std::string_view name = doc.node(repository).text;
      if (name.find('$') != std::string::npos) continue;
      std::string pushed;
      for (const char c : name) {
        const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if ((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9') || lower == '-' || lower == '_' || lower == '.') pushed += lower;
      }
      if (pushed != name && name.find('/') != std::string::npos) {
        out.report(doc.node(repository).span, fmt::format("with forceDockerNamingConventions, the image is pushed to repository {}, not {}",
                                                          util::quote(pushed), util::quote(name)))
            .with_label("\"/\" is removed")
            .with_note("the task lower-cases the name and removes every character but a-z, 0-9, '-', '_' and '.'")
            .with_help("write the repository name in lowercase and turn forceDockerNamingConventions off");
      }
    }
  }
  report_schemas(context, out, jobs);
}

}  // namespace
}  // namespace invalid_ecr_push_task

extern const check::Rule kInvalidEcrPushTask{
    {
        .id = "CP0122",
        .name = "invalid-ecr-push-task",
        .category = "schema",
        .default_severity = diag::Severity::error,
        .summary = "an Azure Pipelines ECRPushImage@1 step has an unknown or missing input, or a value the task or docker refuses",
        .rationale = R"md(## What it checks
Each `- task: ECRPushImage@1` step of an Azure Pipelines file (`azure-pipelines.yml`, a template, or any YAML
file whose steps, jobs or stages run a task), against `schemas/azure/ecr-push-image.json`:
- the version is 1, the only one the AWS Toolkit for Azure DevOps has published;
- the inputs are the task's own (a misspelled one gets a did-you-mean) and `repositoryName` is given;
- `imageSource` is exactly `imagename` (the default) or `imageid`: the task compares it case-sensitively and
  reads any other value as `imageid`; `imagename` needs `sourceImageName`, `imageid` needs `sourceImageId`;
- `repositoryName` is an ECR repository name; the tags are tags docker accepts; `sourceImageId` is an image ID;
  `outputVariable` is a variable name; the booleans are `true` or `false`;
- with `forceDockerNamingConventions`, a repository name with `/` is pushed somewhere else: the task deletes it.

A value with an Azure Pipelines expression (`$(tag)`, `${{ parameters.repo }}`) is known only when the pipeline
runs, and is not checked. `regionName` is checked by CP1005.

## Why it matters
The task fails at run time ("Input required: sourceImageId"), after the image was built; a wrong tag or
repository name fails in `docker tag` or `docker push`.

## How to fix
Follow the message; the task's inputs are listed in its `task.json`.

## References
- AWS Toolkit for Azure DevOps: ECRPushImage `task.json` and `TaskParameters.ts` (aws/aws-toolkit-azure-devops);
  AWS Toolkit for Azure DevOps User Guide, "Amazon ECR Push task"
- Amazon ECR API Reference: CreateRepository (repositoryName); OCI distribution spec (tags)
)md",
        .help_uri = "https://docs.aws.amazon.com/vsts/latest/userguide/ecr-pushimage.html",
    },
    invalid_ecr_push_task::check};

}  // namespace pipec::rules
