#include "model/ecr_events.h"

namespace pipec::model {

namespace {

using V = std::string_view;
using K = EcrValueKind;

// Value sets. A field gets one only when its values are an API enum or the
// user guide names every value it takes; the rest take any string.
constexpr V kImageResult[] = {"SUCCESS", "FAILURE"};
constexpr V kImageActionType[] = {"PUSH", "DELETE", "UPDATE_STORAGE_CLASS"};
constexpr V kStorageClass[] = {"ARCHIVE", "STANDARD"};
constexpr V kReplicationResult[] = {"SUCCESS", "FAILED"};
constexpr V kReplicate[] = {"REPLICATE"};
// ScanStatus.
constexpr V kScanStatus[] = {"COMPLETE",     "FAILED", "IN_PROGRESS",             "UNSUPPORTED_IMAGE",    "ACTIVE",
                             "PENDING",      "SCAN_ELIGIBILITY_EXPIRED", "FINDINGS_UNAVAILABLE", "LIMIT_EXCEEDED",
                             "IMAGE_ARCHIVED"};
constexpr V kSyncStatus[] = {"SUCCESS", "FAILED"};
constexpr V kScanChange[] = {"SCAN_FREQUENCY_CHANGE"};
constexpr V kResourceType[] = {"REPOSITORY"};
// ScanType, ScanFrequency.
constexpr V kScanType[] = {"BASIC", "ENHANCED"};
constexpr V kScanFrequency[] = {"SCAN_ON_PUSH", "CONTINUOUS_SCAN", "MANUAL"};

// ECR Image Action and ECR Referrer Action (the same shape).
constexpr EcrField kImageAction[] = {
    {.name = "result", .values = kImageResult, .always = true},
    {.name = "repository-name", .always = true},
    {.name = "image-digest"},
    {.name = "action-type", .values = kImageActionType, .always = true},
    // Present, and "", for an untagged push.
    {.name = "image-tag"},
    {.name = "manifest-media-type"},
    {.name = "artifact-media-type"},
    {.name = "target-storage-class", .values = kStorageClass},
    {.name = "last-activated-at"},
};

constexpr EcrField kReplication[] = {
    {.name = "result", .values = kReplicationResult, .always = true},
    {.name = "repository-name", .always = true},
    {.name = "image-digest"},
    {.name = "source-account"},
    {.name = "action-type", .values = kReplicate, .always = true},
    {.name = "source-region"},
    {.name = "image-tag"},
};

// FindingSeverity; a severity with no findings is left out.
constexpr EcrField kSeverityCounts[] = {
    {.name = "CRITICAL", .kind = K::count}, {.name = "HIGH", .kind = K::count},
    {.name = "MEDIUM", .kind = K::count},   {.name = "LOW", .kind = K::count},
    {.name = "INFORMATIONAL", .kind = K::count}, {.name = "UNDEFINED", .kind = K::count},
};

constexpr EcrField kImageScan[] = {
    {.name = "scan-status", .values = kScanStatus, .always = true},
    {.name = "repository-name", .always = true},
    {.name = "finding-severity-counts", .kind = K::object, .fields = kSeverityCounts},
    {.name = "image-digest"},
    // A list, and empty for an untagged image (no value to match at all).
    {.name = "image-tags", .list = true},
};

constexpr EcrField kScannedRepository[] = {
    {.name = "repository-name"},
    {.name = "repository-arn"},
    {.name = "scan-frequency", .values = kScanFrequency},
    {.name = "previous-scan-frequency", .values = kScanFrequency},
};

constexpr EcrField kScanResourceChange[] = {
    {.name = "action-type", .values = kScanChange, .always = true},
    {.name = "repositories", .kind = K::object, .fields = kScannedRepository, .list = true},
    {.name = "resource-type", .values = kResourceType, .always = true},
    {.name = "scan-type", .values = kScanType, .always = true},
};

constexpr EcrField kPullThroughCache[] = {
    {.name = "rule-version"},
    {.name = "sync-status", .values = kSyncStatus, .always = true},
    {.name = "ecr-repository-prefix", .always = true},
    {.name = "repository-name", .always = true},
    {.name = "upstream-registry-url", .always = true},
    {.name = "image-tag"},
    {.name = "image-digest"},
    // Only when the sync failed.
    {.name = "failure-code"},
    {.name = "failure-reason"},
};

constexpr EcrEventType kTypes[] = {
    {"ECR Image Action", kImageAction},
    {"ECR Image Scan", kImageScan},
    {"ECR Scan Resource Change", kScanResourceChange},
    {"ECR Pull Through Cache Action", kPullThroughCache},
    {"ECR Replication Action", kReplication},
    {"ECR Referrer Action", kImageAction},
    {"AWS API Call via CloudTrail", {}},
};

}  // namespace

std::span<const EcrEventType> ecr_event_types() { return kTypes; }

const EcrEventType* find_ecr_event_type(std::string_view detail_type) {
  for (const auto& t : kTypes) {
    if (t.detail_type == detail_type) return &t;
  }
  return nullptr;
}

EcrFieldLookup find_ecr_field(const EcrEventType& type, std::span<const std::string> segments) {
  EcrFieldLookup out;
  std::span<const EcrField> level = type.fields;
  const EcrField* parent = nullptr;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const EcrField* next = nullptr;
    // Below a string or a count there is nothing: `level` is empty.
    for (const auto& f : level) {
      if (f.name == segments[i]) next = &f;
    }
    if (next == nullptr) {
      out.found = i;
      out.siblings = level;
      out.parent = parent;
      return out;
    }
    parent = next;
    level = next->kind == EcrValueKind::object ? next->fields : std::span<const EcrField>{};
  }
  out.field = parent;
  out.found = segments.size();
  return out;
}

}  // namespace pipec::model
