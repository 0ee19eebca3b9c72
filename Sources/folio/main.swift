// The thin executable: everything lives in FolioCLI.
import FolioCLI

await Folio.main()
