import Foundation
import Synchronization
import Testing


