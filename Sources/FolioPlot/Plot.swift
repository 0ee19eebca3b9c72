// FolioPlot: SVG plots computed by cells.
import FolioRuntime
