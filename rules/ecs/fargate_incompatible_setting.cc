#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "check/rule.h"
#include "model/cloudformation.h"
#include "util/text.h"

namespace pipec::rules {

namespace fargate_incompatible_setting {
namespace {

using syntax::Document;
using syntax::NodeId;
using syntax::NodeKind;

// Fargate's task sizes: CPU units, and the memory (MiB) each allows, from
// the smallest to the largest in steps. Amazon ECS Developer Guide, "Amazon
// ECS task definition parameters for Fargate", Task size.
struct Size {
  int cpu, memory_min, memory_max, step;
};
constexpr Size kFargateSizes[] = {
    {256, 512, 2048, 512},  // 512, 1024 and 2048 (the step skips 1536)
    {512, 1024, 4096, 1024},
    {1024, 2048, 8192, 1024},
    {2048, 4096, 16384, 1024},
    {4096, 8192, 30720, 1024},
    {8192, 16384, 61440, 4096},
    {16384, 32768, 122880, 8192},
};

bool memory_fits(const Size& s, int memory) {
  if (memory < s.memory_min || memory > s.memory_max) return false;
  if (s.cpu == 256) return memory == 512 || memory == 1024 || memory == 2048;
  return (memory - s.memory_min) % s.step == 0;
}

std::string memory_choices(const Size& s) {
  if (s.cpu == 256) return "512, 1024 or 2048";
  return fmt::format("{} to {} in steps of {}", s.memory_min, s.memory_max, s.step);
}

// "1024", 1024, "1 vCPU", "0.5 vcpu" (CPU) or "2 GB" (memory), in units or MiB.
std::optional<int> size_of(const Document& doc, NodeId node, std::string_view unit) {
  if (!doc.is(node, NodeKind::string) && !doc.is(node, NodeKind::number)) return std::nullopt;
  const std::string text(doc.node(node).text);
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end == text.c_str()) return std::nullopt;
  std::string rest(end);
  rest.erase(std::remove(rest.begin(), rest.end(), ' '), rest.end());
  std::transform(rest.begin(), rest.end(), rest.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  double scaled = value;
  if (rest == unit) {
    scaled = value * 1024;
  } else if (!rest.empty()) {
    return std::nullopt;
  }
  if (scaled != std::floor(scaled) || scaled <= 0 || scaled > 1e9) return std::nullopt;
  return static_cast<int>(scaled);
}

// The FARGATE item of RequiresCompatibilities, if it holds one.
NodeId fargate_item(const Document& doc, NodeId properties) {
  for (const NodeId item : doc.items(doc.get(properties, "RequiresCompatibilities"))) {
    if (doc.is(item, NodeKind::string) && doc.node(item).text == "FARGATE") return item;
  }
  return syntax::kNoNode;
}

void check_task_definition(const Document& doc, const model::Resource& r, check::Reporter& out) {
  const NodeId props = r.properties;
  const NodeId fargate = fargate_item(doc, props);
  const auto network_mode = model::string_member(doc, props, "NetworkMode");
  const bool awsvpc = network_mode && network_mode->value == "awsvpc";
  if (fargate != syntax::kNoNode) {
    const NodeId mode_node = doc.get(props, "NetworkMode");
    if (mode_node == syntax::kNoNode) {
      out.report(doc.node(fargate).span, fmt::format("task definition {} runs on Fargate and sets no NetworkMode", util::quote(r.member->key)))
          .with_label("Fargate needs awsvpc")
          .with_help("add NetworkMode: awsvpc");
    } else if (network_mode && !awsvpc) {
      out.report(doc.node(mode_node).span, fmt::format("task definition {} runs on Fargate with NetworkMode {}, expected \"awsvpc\"",
                                                       util::quote(r.member->key), util::quote(network_mode->value)))
          .with_label("Fargate supports awsvpc only")
          .with_help("write NetworkMode: awsvpc");
    }
    const NodeId cpu_node = doc.get(props, "Cpu");
    const NodeId memory_node = doc.get(props, "Memory");
    if (cpu_node == syntax::kNoNode || memory_node == syntax::kNoNode) {
      out.report(doc.node(fargate).span, fmt::format("task definition {} runs on Fargate and sets no task-level {}", util::quote(r.member->key),
                                                     cpu_node == syntax::kNoNode && memory_node == syntax::kNoNode ? "Cpu and Memory"
                                                     : cpu_node == syntax::kNoNode                                 ? "Cpu"
                                                                                                                   : "Memory"))
          .with_label("Fargate sizes tasks, not containers")
          .with_help("add Cpu and Memory to the task definition: Cpu: \"256\", Memory: \"512\" is the smallest size");
    } else if (const auto cpu = size_of(doc, cpu_node, "vcpu")) {
      const auto* size = std::find_if(std::begin(kFargateSizes), std::end(kFargateSizes), [&](const Size& s) { return s.cpu == *cpu; });
      if (size == std::end(kFargateSizes)) {
        out.report(doc.node(cpu_node).span, fmt::format("Fargate has no task size with Cpu {}", *cpu))
            .with_label("not a Fargate CPU size")
            .with_help("Fargate's CPU sizes are 256, 512, 1024, 2048, 4096, 8192 and 16384 units (0.25 to 16 vCPU)");
      } else if (const auto memory = size_of(doc, memory_node, "gb"); memory && !memory_fits(*size, *memory)) {
        out.report(doc.node(memory_node).span, fmt::format("Fargate has no task size with Cpu {} and Memory {}", *cpu, *memory))
            .with_label("not a size Fargate has")
            .with_help(fmt::format("with Cpu {}, Memory is {} (MiB)", *cpu, memory_choices(*size)));
      }
    }
  }
  if (!awsvpc) return;
  // In awsvpc mode a container's port is the task's: host and container ports are one.
  for (const NodeId container : doc.items(doc.get(props, "ContainerDefinitions"))) {
    for (const NodeId mapping : doc.items(doc.get(container, "PortMappings"))) {
      const NodeId host = doc.get(mapping, "HostPort");
      const NodeId port = doc.get(mapping, "ContainerPort");
      if (!doc.is(host, NodeKind::number) && !doc.is(host, NodeKind::string)) continue;
      if (!doc.is(port, NodeKind::number) && !doc.is(port, NodeKind::string)) continue;
      if (doc.node(host).text == doc.node(port).text) continue;
      out.report(doc.node(host).span, fmt::format("HostPort {} differs from ContainerPort {} in awsvpc mode", doc.node(host).text,
                                                  doc.node(port).text))
          .with_label("must equal ContainerPort")
          .with_help("remove HostPort, or make it equal to ContainerPort");
    }
  }
}

// Whether the service runs on Fargate: its LaunchType, or a capacity provider strategy of Fargate's.
NodeId fargate_launch(const Document& doc, NodeId props) {
  const NodeId launch = doc.get(props, "LaunchType");
  if (doc.is(launch, NodeKind::string) && doc.node(launch).text == "FARGATE") return launch;
  for (const NodeId item : doc.items(doc.get(props, "CapacityProviderStrategy"))) {
    const NodeId provider = doc.get(item, "CapacityProvider");
    if (doc.is(provider, NodeKind::string) && doc.node(provider).text.starts_with("FARGATE")) return provider;
  }
  return syntax::kNoNode;
}

void check_service(const Document& doc, const model::Resource& r, const std::map<std::string, model::Resource, std::less<>>& tasks,
                   check::Reporter& out) {
  const NodeId props = r.properties;
  const NodeId fargate = fargate_launch(doc, props);
  const NodeId strategy = doc.get(props, "SchedulingStrategy");
  if (fargate != syntax::kNoNode && doc.is(strategy, NodeKind::string) && doc.node(strategy).text == "DAEMON") {
    out.report(doc.node(strategy).span, fmt::format("service {} runs on Fargate with SchedulingStrategy DAEMON", util::quote(r.member->key)))
        .with_label("Fargate has no daemon services")
        .with_note(fmt::format("it runs on Fargate here: {}", doc.node(fargate).text))
        .with_help("use SchedulingStrategy: REPLICA, or the EC2 launch type for a daemon");
  }
  // The task definition of the same template it runs. A service or task
  // that exists only under a condition is not paired: the template was
  // evaluated with its parameters' defaults, under which it may not exist.
  if (doc.get(r.member->value, "Condition") != syntax::kNoNode) return;
  const NodeId task_ref = doc.get(doc.get(props, "TaskDefinition"), "Ref");
  if (!doc.is(task_ref, NodeKind::string)) return;
  const auto it = tasks.find(doc.node(task_ref).text);
  if (it == tasks.end()) return;
  const model::Resource& task = it->second;
  if (doc.get(task.member->value, "Condition") != syntax::kNoNode) return;
  if (fargate != syntax::kNoNode && fargate_item(doc, task.properties) == syntax::kNoNode &&
      doc.get(task.properties, "RequiresCompatibilities") != syntax::kNoNode) {
    out.report(doc.node(fargate).span, fmt::format("service {} runs on Fargate, and its task definition {} is not compatible with it",
                                                   util::quote(r.member->key), util::quote(task.member->key)))
        .with_label("launch type FARGATE")
        .with_help(fmt::format("add FARGATE to RequiresCompatibilities of {}", util::quote(task.member->key)));
  }
  const auto task_mode = model::string_member(doc, task.properties, "NetworkMode");
  if (task_mode && task_mode->value == "awsvpc" && doc.get(props, "NetworkConfiguration") == syntax::kNoNode &&
      doc.is(props, NodeKind::object)) {
    out.report(r.member->key_span, fmt::format("service {} runs tasks in awsvpc mode and has no NetworkConfiguration", util::quote(r.member->key)))
        .with_label("needs NetworkConfiguration")
        .with_help("add NetworkConfiguration: {AwsvpcConfiguration: {Subnets: [...], SecurityGroups: [...]}}");
  }
}

void check(const check::Context& context, check::Reporter& out) {
  for (const auto& file : context.workspace.files) {
    if (file.kind != model::Kind::cloudformation || file.document == nullptr || file.document->empty()) continue;
    const Document& doc = *file.document;
    std::map<std::string, model::Resource, std::less<>> tasks;
    for (const auto& r : model::template_resources(doc, "AWS::ECS::TaskDefinition")) {
      if (!doc.is(r.properties, NodeKind::object)) continue;
      tasks.emplace(r.member->key, r);
      check_task_definition(doc, r, out);
    }
    for (const auto& r : model::template_resources(doc, "AWS::ECS::Service")) {
      if (doc.is(r.properties, NodeKind::object)) check_service(doc, r, tasks, out);
    }
  }
}

}  // namespace
}  // namespace fargate_incompatible_setting

extern const check::Rule kFargateIncompatibleSetting{
    {
        .id = "CP7001",
        .name = "fargate-incompatible-setting",
        .category = "ecs",
        .default_severity = diag::Severity::error,
        .summary = "an ECS task definition or service asks Fargate for what it does not do: a daemon, a network mode other than awsvpc, a task size it has not",
        .rationale = R"md(## What it checks
ECS task definitions and services of a CloudFormation template, after its functions are evaluated:

- a task definition that requires `FARGATE` has `NetworkMode: awsvpc`, a task-level `Cpu` and `Memory`, and a
  combination of the two that Fargate offers (256 CPU units take 512, 1024 or 2048 MiB; 1024 units take 2048 to
  8192 in steps of 1024; … 16384 units take 32768 to 122880 in steps of 8192; `"1 vCPU"` and `"2 GB"` are read
  too);
- in `awsvpc` mode, a port mapping's `HostPort`, when given, equals its `ContainerPort`;
- a service that runs on Fargate (`LaunchType: FARGATE`, or a `FARGATE` or `FARGATE_SPOT` capacity provider) is
  not a `DAEMON` service, and its task definition (of the same template) lists `FARGATE` among its
  compatibilities;
- a service whose task definition uses `awsvpc` has a `NetworkConfiguration`.

## Why it matters
ECS refuses each of these when the stack creates the resource (`Fargate only supports network mode 'awsvpc'`,
`No Fargate configuration exists for given values`, `Network Configuration must be provided when networkMode
'awsvpc' is specified`), and the deploy stage of the pipeline fails with it.

## Where the facts come from
The Amazon ECS Developer Guide: task definition parameters for Fargate (task size table, network mode) and
the service scheduler (no daemon services on Fargate); there is no machine-readable model of these
constraints, so the table in the rule cites its page.

## References
- Amazon ECS Developer Guide: Amazon ECS task definition parameters for Fargate
- Amazon ECS Developer Guide: Amazon ECS services (daemon scheduling strategy)
)md",
        .help_uri = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html",
    },
    fargate_incompatible_setting::check};

}  // namespace pipec::rules
