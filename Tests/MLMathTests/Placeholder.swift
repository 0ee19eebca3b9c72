// Tests for MLMath.
import Testing
