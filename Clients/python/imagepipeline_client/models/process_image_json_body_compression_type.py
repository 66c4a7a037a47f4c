from enum import StrEnum

class ProcessImageJsonBodyCompressionType(StrEnum):
    LOSSLESS = "lossless"
    LOSSY = "lossy"

    def __str__(self) -> str:
        return str(self.value)
