// Tests for FolioPlot.
import Testing
