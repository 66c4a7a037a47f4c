from enum import StrEnum

class JobStatus(StrEnum):
    DELIVERING = "delivering"
    FAILED = "failed"
    PARTIAL = "partial"
    PROCESSING = "processing"
    QUEUED = "queued"
    SUCCEEDED = "succeeded"

    def __str__(self) -> str:
        return str(self.value)
