#!/usr/bin/python3
"""Reference vectors for the DiLoCo outer optimiser: torch.optim.SGD(lr, momentum, nesterov=True) in fp32.

Run: /usr/bin/python3 training-service/scripts/outer_sgd_reference.py > \
     training-service/src/test/resources/outer-sgd/nesterov.json
Each case: initial params, a sequence of outer gradients (the parameter's .grad at each step), and the params after
each step. Values are fp32 written as exact decimal doubles.
"""
import json

import torch


def case(name, n, steps, lr, momentum, seed):
    g = torch.Generator().manual_seed(seed)
    p = torch.nn.Parameter(torch.randn(n, generator=g, dtype=torch.float32))
    opt = torch.optim.SGD([p], lr=lr, momentum=momentum, nesterov=momentum > 0, dampening=0.0, weight_decay=0.0)
    out = {"name": name, "lr": lr, "momentum": momentum, "params0": [float(x) for x in p.detach()],
           "grads": [], "params": []}
    for s in range(steps):
        scale = 10.0 ** (-(s % 4))
        grad = (torch.randn(n, generator=g, dtype=torch.float32) * scale).to(torch.float32)
        p.grad = grad.clone()
        opt.step()
        out["grads"].append([float(x) for x in grad])
        out["params"].append([float(x) for x in p.detach()])
    return out


print(json.dumps({"torch": torch.__version__, "cases": [
    case("diloco-defaults", 67, 8, 0.7, 0.9, 1),
    case("streaming-lr", 40, 6, 0.4, 0.9, 2),
    case("fedavg", 19, 3, 1.0, 0.0, 3),
]}, indent=None))
