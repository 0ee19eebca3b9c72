// Times MLMath kernels.
import MLMath
