from enum import StrEnum

class AssetOriginType(StrEnum):
    JOB = "job"
    UPLOAD = "upload"

    def __str__(self) -> str:
        return str(self.value)
