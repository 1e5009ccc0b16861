using RecSharp.Torch;
using RecSharp.Torch.NN;

namespace RecSharp.Models.Sequential;

/// <summary>How the history items are mapped into each interest's capsule space before routing.</summary>
public enum CapsuleBilinear
{
    /// <summary>MIND: one Linear(d, d, no bias) shared by every position and interest; routing logits start N(0, 1).</summary>
    Shared,

    /// <summary>
    /// ComiRec-DR: a separate d x d map per (position, interest), drawn N(0, <see cref="CapsuleRouting.PerPositionInitStd"/>^2)
    /// (std 1/sqrt(d) by default); routing logits start at zero.
    /// </summary>
    PerPosition,
}

/// <summary>
/// Behaviour-to-interest dynamic routing as in the ComiRec authors' CapsuleNetwork (THUDM/ComiRec, src/model.py):
/// the history items [B, L, d] are mapped to [B, K, L, d]; routing logits b [B, K, L] start either fresh N(0, 1)
/// per sample and forward pass (MIND; the original draws a truncated normal, here a plain normal) or at zero
/// (ComiRec-DR), and are never a trained variable. Each iteration: w = softmax of b over the interest axis K,
/// zeroed on padded positions; interest = squash(sum_l w * mapped); b += &lt;interest, mapped&gt;. All iterations but
/// the last read the mapped items through a stop-gradient, so the gradient reaches the parameters only through
/// the last iteration's weighted sum (the routing weights themselves carry no gradient).
/// </summary>
public sealed class CapsuleRouting : Module
{
    /// <summary>Added under the square root of squash, as in the authors' code, so a zero capsule stays finite.</summary>
    public const double SquashEpsilon = 1e-9;

    private readonly Linear? sharedMap;
    private readonly Parameter? positionMaps;
    private readonly Linear? reluProjection;

    /// <param name="perPositionInitStd">
    /// Standard deviation of the per-position maps (ComiRec-DR); null = 1/sqrt(<paramref name="dim"/>), so that a mapped
    /// item W e has about the norm of e. The authors draw N(0, 1), but their item table is glorot-uniform (std
    /// sqrt(2/(N + d)), item norms ~0.02-0.2), so their W e stays of order 1; with RecSharp's N(0, 1/sqrt(d)) item table
    /// (norm ~1) an N(0, 1) map multiplies every item by sqrt(d): the capsules start with norm ~9, squash saturates,
    /// routing turns one-hot after one pass, and Adam's steps of ~lr per weight barely move weights of scale 1 in the
    /// few hundred steps a small data set gives (ml-1m-head: test Recall@50 0.108, Pop's level).
    /// </param>
    public CapsuleRouting(int dim, int maxLength, int interests, CapsuleBilinear bilinear, int iterations = 3,
        bool reluProjection = false, ScalarType dtype = ScalarType.Float32, double? perPositionInitStd = null)
    {
        if (dim < 1) throw new ArgumentOutOfRangeException(nameof(dim), dim, "the capsule dimension must be at least 1");
        if (maxLength < 1) throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "the history length L must be at least 1");
        if (interests < 1) throw new ArgumentOutOfRangeException(nameof(interests), interests, "the number of interests K must be at least 1");
        if (iterations < 1) throw new ArgumentOutOfRangeException(nameof(iterations), iterations, "dynamic routing needs at least 1 iteration");
        if (perPositionInitStd is double std && !(std > 0 && double.IsFinite(std)))
            throw new ArgumentOutOfRangeException(nameof(perPositionInitStd), std, "the per-position maps' initial standard deviation must be positive and finite");
        Dim = dim;
        MaxLength = maxLength;
        Interests = interests;
        Bilinear = bilinear;
        Iterations = iterations;
        if (bilinear == CapsuleBilinear.Shared)
        {
            sharedMap = RegisterModule("bilinear", new Linear(dim, dim, hasBias: false, dtype: dtype));
        }
        else
        {
            // [L, K*d, d]: row block k of W[l] maps the item at position l into interest k.
            PerPositionInitStd = perPositionInitStd ?? 1 / Math.Sqrt(dim);
            positionMaps = RegisterParameter("bilinear_weight", ParameterFactory(maxLength, interests, dim, PerPositionInitStd, dtype));
        }
        if (reluProjection) this.reluProjection = RegisterModule("projection", new Linear(dim, dim, dtype: dtype));
    }

    public int Dim { get; }
    public int MaxLength { get; }
    public int Interests { get; }
    public CapsuleBilinear Bilinear { get; }
    public int Iterations { get; }

    /// <summary>Standard deviation the per-position maps were drawn with (0 for the shared map, which uses Linear's init).</summary>
    public double PerPositionInitStd { get; }

    /// <summary>Interest capsules [B, K, d] from history item vectors <paramref name="items"/> [B, L, d] and <paramref name="mask"/> [B, L] (1 = real).</summary>
    public Tensor Forward(Tensor items, Tensor mask)
    {
        var shape = items.Shape;
        if (shape.Length != 3 || shape[2] != Dim)
            throw new ArgumentException($"CapsuleRouting: history items must have shape [B, L, {Dim}] but have {HistoryInput.FormatShape(shape)}", nameof(items));
        var mapped = Map(items);
        var logits = InitialLogits(shape[0], shape[1], items.DType);
        var capsules = Route(mapped, mask, logits, Iterations);
        return reluProjection is null ? capsules : reluProjection.Forward(capsules).Relu();
    }

    /// <summary>The mapped items [B, K, L, d]: û[b, k, l] = W_(l,k) e[b, l] (per position) or W e[b, l] for every k (shared).</summary>
    public Tensor Map(Tensor items)
    {
        var shape = items.Shape;
        long batch = shape[0], length = shape[1];
        if (sharedMap is not null)
            return sharedMap.Forward(items).Unsqueeze(1).Expand(batch, Interests, length, Dim);

        if (length > MaxLength)
            throw new ArgumentException($"CapsuleRouting: the history has {length} positions but the per-position maps were built for at most {MaxLength} (config MaxLength)", nameof(items));
        var weights = positionMaps!.Narrow(0, 0, length);                 // [L, K*d, d]
        var perPosition = items.Transpose(0, 1).Bmm(weights.Transpose(1, 2)); // [L, B, d] x [L, d, K*d] -> [L, B, K*d]
        return perPosition.Transpose(0, 1).Reshape(batch, length, Interests, Dim).Permute(0, 2, 1, 3);
    }

    private Tensor InitialLogits(long batch, long length, ScalarType dtype) => Bilinear == CapsuleBilinear.Shared
        ? torch.Randn([batch, Interests, length], dtype)   // fresh per sample and pass, never trained (MIND)
        : torch.Zeros([batch, Interests, length], dtype);  // ComiRec-DR

    /// <summary>
    /// Dynamic routing on already mapped items <paramref name="mapped"/> [B, K, L, d] from the routing logits
    /// <paramref name="initialLogits"/> [B, K, L]; returns the squashed interest capsules [B, K, d].
    /// </summary>
    public static Tensor Route(Tensor mapped, Tensor mask, Tensor initialLogits, int iterations)
    {
        ArgumentNullException.ThrowIfNull(mapped);
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(initialLogits);
        if (iterations < 1) throw new ArgumentOutOfRangeException(nameof(iterations), iterations, "dynamic routing needs at least 1 iteration");
        var shape = mapped.Shape;
        if (shape.Length != 4) throw new ArgumentException($"mapped items must have shape [B, K, L, d] but have {HistoryInput.FormatShape(shape)}", nameof(mapped));
        if (!mask.Shape.SequenceEqual(new[] { shape[0], shape[2] }))
            throw new ArgumentException($"the mask must have shape [{shape[0]}, {shape[2]}] but has {HistoryInput.FormatShape(mask.Shape)}", nameof(mask));
        if (!initialLogits.Shape.SequenceEqual(new[] { shape[0], shape[1], shape[2] }))
            throw new ArgumentException($"the routing logits must have shape [{shape[0]}, {shape[1]}, {shape[2]}] but have {HistoryInput.FormatShape(initialLogits.Shape)}", nameof(initialLogits));

        var keep = mask.To(mapped.DType).Unsqueeze(1);  // [B, 1, L]
        var frozen = mapped.Detach();
        var logits = initialLogits.Detach();
        Tensor interest = null!;
        for (int i = 0; i < iterations; i++)
        {
            bool last = i == iterations - 1;
            var source = last ? mapped : frozen;
            var weights = Functional.Softmax(logits, 1).Mul(keep);          // [B, K, L], 0 on padding
            interest = Squash(weights.Unsqueeze(2).MatMul(source));          // [B, K, 1, L] x [B, K, L, d] -> [B, K, 1, d]
            if (!last) logits = logits.Add(source.MatMul(interest.Transpose(2, 3)).Squeeze(3)); // [B, K, L]
        }
        return interest.Squeeze(2);
    }

    /// <summary>squash(s) = |s|^2 / (1 + |s|^2) * s / sqrt(|s|^2 + 1e-9), over the last dimension.</summary>
    public static Tensor Squash(Tensor capsules)
    {
        var squaredNorm = capsules.Mul(capsules).Sum(-1, keepDim: true);
        var scale = squaredNorm.Div(squaredNorm.Add(1.0)).Div(squaredNorm.Add(SquashEpsilon).Sqrt());
        return scale.Mul(capsules);
    }

    private static Parameter ParameterFactory(int maxLength, int interests, int dim, double std, ScalarType dtype)
    {
        using var normal = torch.Randn([maxLength, (long)interests * dim, dim], dtype);
        using var data = normal.Mul(std);
        return new Parameter(data);
    }

    public override string ToString() =>
        $"CapsuleRouting(dim={Dim}, L={MaxLength}, K={Interests}, bilinear={Bilinear}, iterations={Iterations}, relu_projection={reluProjection is not null})";
}
