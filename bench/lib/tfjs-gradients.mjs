// tfjs-core registers no gradients by itself: the @tensorflow/tfjs union package does, by importing
// tfjs-core's register_all_gradients (ESM-only sources with extensionless imports, unloadable from Node
// next to the CJS build these backends use). W5 needs seven, registered here with the same rules tfjs-core's
// gradients/*_grad.ts use (same ops, same broadcasting reductions), so tfjs is timed as its users run it.

export function registerTfjsGradients(tf) {
  const { util, backend_util: bu } = tf;
  const reduceTo = (x, shape, outShape) => {
    const axes = bu.getReductionAxes(shape, outShape);
    return tf.reshape(axes.length ? tf.sum(x, axes) : x, shape);
  };
  const configs = [
    {
      kernelName: tf.BatchMatMul,
      inputsToSave: ["a", "b"],
      gradFunc: (dy, [a, b], { transposeA, transposeB }) => {
        if (!transposeA && !transposeB) return { a: () => tf.matMul(dy, b, false, true), b: () => tf.matMul(a, dy, true, false) };
        if (!transposeA && transposeB) return { a: () => tf.matMul(dy, b, false, false), b: () => tf.matMul(dy, a, true, false) };
        if (transposeA && !transposeB) return { a: () => tf.matMul(b, dy, false, true), b: () => tf.matMul(a, dy, false, false) };
        return { a: () => tf.matMul(b, dy, true, true), b: () => tf.matMul(dy, a, true, true) };
      },
    },
    {
      kernelName: tf.Add,
      inputsToSave: ["a", "b"],
      gradFunc: (dy, [a, b]) => {
        const out = bu.assertAndGetBroadcastShape(a.shape, b.shape);
        return { a: () => reduceTo(dy, a.shape, out), b: () => reduceTo(dy, b.shape, out) };
      },
    },
    {
      kernelName: tf.Multiply,
      inputsToSave: ["a", "b"],
      gradFunc: (dy, [a, b]) => {
        const out = bu.assertAndGetBroadcastShape(a.shape, b.shape);
        return {
          a: () => reduceTo(tf.mul(dy, tf.cast(b, "float32")), a.shape, out),
          b: () => reduceTo(tf.mul(dy, tf.cast(a, "float32")), b.shape, out),
        };
      },
    },
    {
      kernelName: tf.Relu,
      inputsToSave: ["x"],
      gradFunc: (dy, [x]) => ({ x: () => tf.mul(dy, tf.cast(tf.step(x), "float32")) }),
    },
    { kernelName: tf.Neg, gradFunc: (dy) => ({ x: () => tf.neg(dy) }) },
    {
      kernelName: tf.Sum,
      inputsToSave: ["x"],
      gradFunc: (dy, [x], { axis }) => {
        const shape = x.shape.slice();
        for (const ax of util.parseAxisParam(axis, x.shape)) shape[ax] = 1;
        return { x: () => tf.mul(tf.reshape(dy, shape), tf.ones(x.shape, "float32")) };
      },
    },
    {
      kernelName: tf.Mean,
      inputsToSave: ["x"],
      gradFunc: (dy, [x], { axis }) => {
        const axes = util.parseAxisParam(axis, x.shape);
        const reduceSize = util.sizeFromShape(bu.computeOutAndReduceShapes(x.shape, axes)[1]);
        const shape = x.shape.slice();
        for (const ax of axes) shape[ax] = 1;
        return { x: () => tf.div(tf.mul(tf.reshape(dy, shape), tf.ones(x.shape, "float32")), reduceSize) };
      },
    },
  ];
  const added = [];
  for (const c of configs) {
    if (tf.getGradient(c.kernelName) == null) {
      tf.registerGradient(c);
      added.push(c.kernelName);
    }
  }
  return added;
}
