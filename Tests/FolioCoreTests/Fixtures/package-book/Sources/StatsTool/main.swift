// A command-line tool of the package; the book does not import it.
import Stats

print(logistic(0))
