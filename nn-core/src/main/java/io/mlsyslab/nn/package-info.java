/**
 * Plain-Java numerics for mlsys-lab: SIMD kernels ({@link io.mlsyslab.nn.kernel}), a GPT-2-architecture model
 * with exact backward ({@link io.mlsyslab.nn.model}, {@link io.mlsyslab.nn.train}), incremental decoding over a
 * pluggable KV cache ({@link io.mlsyslab.nn.decode}), safetensors I/O ({@link io.mlsyslab.nn.safetensors}),
 * tokenizers and built-in corpora. No Spring, no HTTP: services wrap these engines at their edges.
 */
package io.mlsyslab.nn;
