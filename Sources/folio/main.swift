// The thin executable: everything lives in FolioCLI.
import FolioCLI

Folio.main()
