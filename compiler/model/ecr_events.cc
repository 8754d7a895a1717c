#include "model/ecr_events.h"

namespace pipec::model {

namespace {

using V = std::string_view;

constexpr V kImageResult[] = {"SUCCESS", "FAILURE"};
constexpr V kImageActionType[] = {"PUSH", "DELETE", "UPDATE_STORAGE_CLASS"};
constexpr V kStorageClass[] = {"ARCHIVE", "STANDARD"};
constexpr V kReplicationResult[] = {"SUCCESS", "FAILED"};
constexpr V kReplicate[] = {"REPLICATE"};
constexpr V kScanStatus[] = {"COMPLETE",     "FAILED", "IN_PROGRESS",             "UNSUPPORTED_IMAGE",    "ACTIVE",
                             "PENDING",      "SCAN_ELIGIBILITY_EXPIRED", "FINDINGS_UNAVAILABLE", "LIMIT_EXCEEDED",
                             "IMAGE_ARCHIVED"};
constexpr V kSyncStatus[] = {"SUCCESS", "FAILED"};
constexpr V kScanChange[] = {"SCAN_FREQUENCY_CHANGE"};
constexpr V kResourceType[] = {"REPOSITORY"};
constexpr V kScanType[] = {"BASIC", "ENHANCED"};

constexpr EcrField kImageAction[] = {
    {"result", kImageResult},          {"repository-name", {}},     {"image-digest", {}},
    {"action-type", kImageActionType}, {"image-tag", {}},           {"manifest-media-type", {}},
    {"artifact-media-type", {}},       {"target-storage-class", kStorageClass}, {"last-activated-at", {}},
};
constexpr EcrField kReplication[] = {
    {"result", kReplicationResult}, {"repository-name", {}}, {"image-digest", {}}, {"source-account", {}},
    {"action-type", kReplicate},    {"source-region", {}},   {"image-tag", {}},
};
constexpr EcrField kImageScan[] = {
    {"scan-status", kScanStatus}, {"repository-name", {}}, {"finding-severity-counts", {}},
    {"image-digest", {}},         {"image-tags", {}},
};
constexpr EcrField kPullThroughCache[] = {
    {"rule-version", {}},          {"sync-status", kSyncStatus}, {"ecr-repository-prefix", {}},
    {"repository-name", {}},       {"upstream-registry-url", {}}, {"image-tag", {}},
    {"image-digest", {}},          {"failure-code", {}},          {"failure-reason", {}},
};
constexpr EcrField kScanResourceChange[] = {
    {"action-type", kScanChange}, {"repositories", {}}, {"resource-type", kResourceType}, {"scan-type", kScanType},
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

}  // namespace pipec::model
