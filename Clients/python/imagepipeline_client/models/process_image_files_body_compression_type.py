from enum import StrEnum

class ProcessImageFilesBodyCompressionType(StrEnum):
    LOSSLESS = "lossless"
    LOSSY = "lossy"

    def __str__(self) -> str:
        return str(self.value)
