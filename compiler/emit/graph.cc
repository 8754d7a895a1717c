#include "emit/graph.h"

#include <fmt/format.h>

#include <map>
#include <vector>

#include "util/ascii.h"
#include "util/text.h"

namespace pipec::emit {

namespace {

// What an action does, in a few words: "ECR source", "CodeBuild build".
std::string kind_of(const model::Action& a) {
  const std::string_view provider = a.provider().empty() ? "?" : a.provider();
  const std::string_view category = a.category();
  if (category.empty()) return std::string(provider);
  return fmt::format("{} {}", provider, util::ascii_lowered(category));
}

struct Node {
  std::string id;
  std::string label;  ///< lines separated by '\n'
};

struct Cluster {
  std::string id;
  std::string label;
  std::vector<Node> nodes;
  std::vector<Cluster> children;
};

struct Edge {
  std::string from, to, label;
  bool dashed = false;
};

// The graph, before it is written in either language.
struct Graph {
  std::vector<Cluster> clusters;
  std::vector<Node> nodes;  ///< outside any cluster: the rules
  std::vector<Edge> edges;
  /// Each stage's first action and the next stage's: DOT lays stages out in
  /// their order only when edges say so (an approval stage reads nothing).
  std::vector<std::pair<std::string, std::string>> order;
};

Graph build(const model::Workspace& ws, std::optional<std::string_view> only) {
  Graph g;
  std::map<const model::Pipeline*, std::vector<std::string>> sources;  // pipeline -> ids of its source actions
  std::size_t pi = 0;
  for (const auto& p : ws.pipelines) {
    const std::size_t index = pi++;
    if (only && p.display_name() != *only) continue;
    Cluster pipeline{fmt::format("p{}", index), fmt::format("pipeline {}", p.display_name()), {}, {}};
    std::map<const model::Action*, std::string> ids;
    std::string previous_first;
    for (std::size_t si = 0; si < p.stages.size(); ++si) {
      const auto& stage = p.stages[si];
      Cluster c{fmt::format("p{}s{}", index, si), std::string(stage.display_name()), {}, {}};
      for (std::size_t ai = 0; ai < stage.actions.size(); ++ai) {
        const auto& a = stage.actions[ai];
        const std::string id = fmt::format("p{}s{}a{}", index, si, ai);
        ids[&a] = id;
        std::string label = fmt::format("{}\n{}", a.display_name(), kind_of(a));
        if (a.region) label += fmt::format("\n{}", a.region->value);
        c.nodes.push_back({id, std::move(label)});
        if (a.category() == "Source") sources[&p].push_back(id);
      }
      if (!c.nodes.empty()) {
        if (!previous_first.empty()) g.order.emplace_back(previous_first, c.nodes.front().id);
        previous_first = c.nodes.front().id;
      }
      pipeline.children.push_back(std::move(c));
    }
    // Artifacts, from the action that writes each to each that reads it.
    for (const auto& stage : p.stages) {
      for (const auto& a : stage.actions) {
        for (const auto& in : a.inputs) {
          const model::Action* producer = p.producer(in.value);
          if (producer != nullptr && ids.contains(producer)) g.edges.push_back({ids[producer], ids[&a], in.value, false});
        }
      }
    }
    // Git triggers (V2), each to the connection source it starts from.
    for (std::size_t ti = 0; ti < p.triggers.size(); ++ti) {
      const auto& t = p.triggers[ti];
      const model::Action* source = t.source_action_name ? p.action(t.source_action_name->value) : nullptr;
      if (source == nullptr || !ids.contains(source)) continue;
      std::vector<std::string> events;
      if (t.push) events.emplace_back("push");
      if (t.pull_request) events.emplace_back("pull request");
      const std::string id = fmt::format("p{}t{}", index, ti);
      g.nodes.push_back({id, events.empty() ? "trigger" : fmt::format("trigger\nGit {}", util::list(events, "and"))});
      g.edges.push_back({id, ids[source], "starts", true});
    }
    g.clusters.push_back(std::move(pipeline));
  }
  // Rules, and the pipelines they start: one node per rule (per target set
  // when the set's rule was not read).
  std::map<std::size_t, std::string> rule_ids;
  for (std::size_t si = 0; si < ws.target_sets.size(); ++si) {
    const auto& set = ws.target_sets[si];
    const std::size_t key = set.event_rule ? *set.event_rule : ws.event_rules.size() + si;
    for (const auto& target : set.targets) {
      const auto targeted = ws.targeted_pipeline(set, target);
      if (!targeted || !sources.contains(targeted->pipeline)) continue;
      auto [at, fresh] = rule_ids.try_emplace(key, fmt::format("r{}", rule_ids.size()));
      if (fresh) {
        std::string label = "rule";
        if (set.event_rule) {
          const auto& rule = ws.event_rules[*set.event_rule];
          if (rule.name) label += " " + rule.name->value;
          else if (rule.logical_id) label += " " + rule.logical_id->value;
          if (rule.schedule) label += "\n" + rule.schedule->value;
        } else if (set.rule) {
          label += " " + set.rule->value;
        }
        g.nodes.push_back({at->second, std::move(label)});
      }
      for (const auto& source : sources[targeted->pipeline]) g.edges.push_back({at->second, source, "starts", true});
    }
  }
  return g;
}

// -- Mermaid ---------------------------------------------------------------------

std::string mermaid_label(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '"') out += "#quot;";
    else if (c == '\n') out += "<br/>";
    else if (c == '<') out += "#lt;";
    else if (c == '>') out += "#gt;";
    else if (static_cast<unsigned char>(c) >= 0x20) out.push_back(c);
  }
  return out;
}

void mermaid_cluster(const Cluster& c, std::string_view indent, std::string& out) {
  out += fmt::format("{}subgraph {}[\"{}\"]\n", indent, c.id, mermaid_label(c.label));
  const std::string inner = std::string(indent) + "  ";
  out += inner + "direction LR\n";
  for (const auto& n : c.nodes) out += fmt::format("{}{}[\"{}\"]\n", inner, n.id, mermaid_label(n.label));
  for (const auto& child : c.children) mermaid_cluster(child, inner, out);
  out += fmt::format("{}end\n", indent);
}

std::string mermaid(const Graph& g) {
  std::string out = "flowchart LR\n";
  for (const auto& c : g.clusters) mermaid_cluster(c, "  ", out);
  for (const auto& n : g.nodes) out += fmt::format("  {}{{{{\"{}\"}}}}\n", n.id, mermaid_label(n.label));
  for (const auto& e : g.edges) {
    out += fmt::format("  {} {}|\"{}\"| {}\n", e.from, e.dashed ? "-.->" : "-->", mermaid_label(e.label), e.to);
  }
  return out;
}

// -- DOT -------------------------------------------------------------------------

std::string dot_label(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (static_cast<unsigned char>(c) >= 0x20) {
      out.push_back(c);
    }
  }
  return out + "\"";
}

void dot_cluster(const Cluster& c, std::string_view indent, std::string& out) {
  out += fmt::format("{}subgraph cluster_{} {{\n", indent, c.id);
  const std::string inner = std::string(indent) + "  ";
  out += fmt::format("{}label={};\n", inner, dot_label(c.label));
  for (const auto& n : c.nodes) out += fmt::format("{}{} [label={}];\n", inner, n.id, dot_label(n.label));
  for (const auto& child : c.children) dot_cluster(child, inner, out);
  out += fmt::format("{}}}\n", indent);
}

std::string dot(const Graph& g) {
  std::string out = "digraph pipelines {\n  rankdir=LR;\n  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n"
                    "  edge [fontname=\"Helvetica\", fontsize=10];\n  graph [fontname=\"Helvetica\"];\n";
  for (const auto& c : g.clusters) dot_cluster(c, "  ", out);
  for (const auto& n : g.nodes) out += fmt::format("  {} [label={}, shape=hexagon];\n", n.id, dot_label(n.label));
  for (const auto& e : g.edges) {
    out += fmt::format("  {} -> {} [label={}{}];\n", e.from, e.to, dot_label(e.label), e.dashed ? ", style=dashed" : "");
  }
  for (const auto& [from, to] : g.order) out += fmt::format("  {} -> {} [style=invis];\n", from, to);
  return out + "}\n";
}

}  // namespace

std::string pipeline_graph(const model::Workspace& workspace, GraphFormat format, std::optional<std::string_view> only) {
  const Graph g = build(workspace, only);
  return format == GraphFormat::dot ? dot(g) : mermaid(g);
}

}  // namespace pipec::emit
