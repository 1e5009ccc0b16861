using RecSharp.Models.MatrixFactorization;
using RecSharp.Torch;
using RecSharp.Torch.NN;

namespace RecSharp.Models.Graph;

/// <summary>
/// BM3 (Zhou et al., "Bootstrap Latent Representations for Multi-modal Recommendation", WWW 2023), as the authors'
/// MMRec code defines it. Online view: LightGCN layer-mean user vectors, and item vectors = layer mean + the raw
/// item ID embedding; each feature table (text, image or any named table whose row i is item i) is trainable and
/// projected to the embedding size by its own linear layer. One shared predictor maps every online vector. The
/// target view is a copy of the online vectors made without gradients, with dropout (no momentum encoder, no
/// negatives). For a batch of (user, item) train pairs:
/// <code>
/// loss = (1 - cos(P(u), i_t)) + (1 - cos(P(i), u_t))
///      + cl_weight · Σ_m [(1 - cos(P(f_m(i)), i_t)) + (1 - cos(P(f_m(i)), f_m(i)_t))]
///      + reg_weight · (‖U‖ + ‖I‖) / NumItems
/// </code>
/// where each cosine term is averaged over the batch, _t marks the target view and the regulariser is MMRec's
/// EmbLoss of the whole online tables (Frobenius norms, not squared). Ranking: P(u) · P(i). With no feature table
/// the model is the ID-only BM3.
/// </summary>
public sealed class Bm3 : Module
{
    private readonly NormalizedAdjacency adjacency;
    private readonly List<(string Name, Embedding Table, Linear Projection)> modalities = [];
    private readonly bool ownsAdjacency;

    /// <param name="adjacency">The train graph (kept; freed with the model only when <paramref name="ownsAdjacency"/>).</param>
    /// <param name="features">Feature tables [NumItems + 1, f] (row 0 = padding), copied into trainable parameters.</param>
    public Bm3(NormalizedAdjacency adjacency, int dim, int layers, double dropout, IReadOnlyList<(string Name, Tensor Table)>? features = null,
        bool ownsAdjacency = false)
    {
        ArgumentNullException.ThrowIfNull(adjacency);
        if (dim < 1) throw new ArgumentOutOfRangeException(nameof(dim), dim, "BM3 needs at least one embedding dimension");
        if (layers < 0) throw new ArgumentOutOfRangeException(nameof(layers), layers, "BM3 needs a layer count >= 0");
        if (!(dropout >= 0 && dropout < 1)) throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "BM3's dropout must be in [0, 1)");
        this.adjacency = adjacency;
        this.ownsAdjacency = ownsAdjacency;
        Dim = dim;
        Layers = layers;
        Dropout = dropout;
        UserEmbedding = RegisterModule("user_embedding", new Embedding(adjacency.NumUsers, dim));
        ItemEmbedding = RegisterModule("item_id_embedding", new Embedding(adjacency.NumItems + 1, dim, paddingIdx: 0));
        Init.XavierUniform(UserEmbedding.Weight);
        Init.XavierUniform(ItemEmbedding.Weight);
        using (var pad = ItemEmbedding.Weight.Select(0, 0)) Init.Zeros(pad);
        Predictor = RegisterModule("predictor", new Linear(dim, dim));
        Init.XavierNormal(Predictor.Weight);
        foreach (var (name, table) in features ?? [])
        {
            // Each table becomes "<name>_embedding" and "<name>_projection"; the ID tables' names are taken.
            if (modalities.Any(m => m.Name == name) || name is "user" or "item_id")
                throw new ArgumentException($"feature table name '{name}' is {(name is "user" or "item_id" ? "reserved" : "used twice")}: give every table its own name", nameof(features));
            var shape = table.Shape;
            if (shape.Length != 2 || shape[0] != adjacency.NumItems + 1)
                throw new ArgumentException($"feature table '{name}' has shape [{string.Join(", ", shape)}]; expected [NumItems + 1 = {adjacency.NumItems + 1}, features] (row i = item i, row 0 padding)", nameof(features));
            var embedding = RegisterModule($"{name}_embedding", Embedding.FromPretrained(table, freeze: false));
            var projection = RegisterModule($"{name}_projection", new Linear(shape[1], dim));
            Init.XavierNormal(projection.Weight);
            modalities.Add((name, embedding, projection));
        }
    }

    public int NumUsers => adjacency.NumUsers;
    public int NumItems => adjacency.NumItems;
    public int Dim { get; }
    public int Layers { get; }
    public double Dropout { get; }
    public Embedding UserEmbedding { get; }
    public Embedding ItemEmbedding { get; }
    public Linear Predictor { get; }
    public IReadOnlyList<string> Modalities => modalities.Select(m => m.Name).ToArray();

    /// <summary>Online user [U, d] and item [N + 1, d] vectors before the predictor (differentiable).</summary>
    public (Tensor Users, Tensor Items) Online()
    {
        using var ego = torch.Cat([UserEmbedding.Weight, ItemEmbedding.Weight], 0);
        using var mean = GraphPropagation.LayerMean(adjacency.Matrix, ego, Layers);
        using var items = mean.Narrow(0, NumUsers, NumItems + 1);
        return (mean.Narrow(0, 0, NumUsers), items + ItemEmbedding.Weight);
    }

    /// <summary>Every term of the objective for a batch of train pairs (int64 [B] users and items).</summary>
    public Bm3Loss Loss(Tensor users, Tensor items, double clWeight, double regWeight)
    {
        if (!(clWeight >= 0)) throw new ArgumentOutOfRangeException(nameof(clWeight), clWeight, "cl_weight must be >= 0");
        if (!(regWeight >= 0)) throw new ArgumentOutOfRangeException(nameof(regWeight), regWeight, "reg_weight must be >= 0");
        var (userTable, itemTable) = Online();
        using (userTable)
        using (itemTable)
        {
            var projected = modalities.Select(m => m.Projection.Forward(m.Table.Weight)).ToArray();
            try
            {
                // Target view: no-grad copies with dropout; gathered rows of these never carry gradient.
                Tensor userTarget, itemTarget;
                Tensor[] modalityTargets;
                using (torch.NoGrad())
                {
                    userTarget = TargetRows(userTable, users);
                    itemTarget = TargetRows(itemTable, items);
                    modalityTargets = projected.Select(f => TargetRows(f, items)).ToArray();
                }

                using var u = userTable.IndexSelect(0, users);
                using var i = itemTable.IndexSelect(0, items);
                using var pu = Predictor.Forward(u);
                using var pi = Predictor.Forward(i);
                var userToItem = OneMinusCosine(pu, itemTarget);
                var itemToUser = OneMinusCosine(pi, userTarget);
                using var zero = torch.Zeros(1);
                var modality = zero.Sum();
                for (int m = 0; m < projected.Length; m++)
                {
                    using var f = projected[m].IndexSelect(0, items);
                    using var pf = Predictor.Forward(f);
                    using var toItem = OneMinusCosine(pf, itemTarget);
                    using var toSelf = OneMinusCosine(pf, modalityTargets[m]);
                    using var pair = toItem + toSelf;
                    using var previous = modality;
                    modality = previous + pair;
                }
                using var userNorm = userTable.Pow(2).Sum().Sqrt();
                using var itemNorm = itemTable.Pow(2).Sum().Sqrt();
                using var norms = userNorm + itemNorm;
                var regularisation = norms / (double)NumItems;
                using var both = userToItem + itemToUser;
                using var weightedModality = modality * clWeight;
                using var weightedReg = regularisation * regWeight;
                using var partial = both + weightedModality;
                var total = partial + weightedReg;
                userTarget.Dispose();
                itemTarget.Dispose();
                foreach (var t in modalityTargets) t.Dispose();
                return new Bm3Loss(userToItem, itemToUser, modality, regularisation, total);
            }
            finally
            {
                foreach (var f in projected) f.Dispose();
            }
        }
    }

    /// <summary>The ranking representations P(u) [U, d] and P(i) [N + 1, d] of the current online tables (no gradients; caller owns them).</summary>
    public (Tensor Users, Tensor Items) Representations()
    {
        using var noGrad = torch.NoGrad();
        var (users, items) = Online();
        using (users)
        using (items)
            return (Predictor.Forward(users), Predictor.Forward(items));
    }

    /// <summary>A scorer over P(u) · P(i) of the current online tables (computed once, without gradients).</summary>
    public EmbeddingDotScorer Scorer()
    {
        var (users, items) = Representations();
        using (users)
        using (items)
            return new EmbeddingDotScorer(users, items);
    }

    /// <summary>Columns of each feature table, by name (what a model folder needs to rebuild the parameter shapes).</summary>
    public IReadOnlyList<(string Name, long Columns)> FeatureColumns => modalities.Select(m => (m.Name, m.Table.EmbeddingDim)).ToArray();

    private Tensor TargetRows(Tensor table, Tensor rows)
    {
        using var copy = table.Detach();
        using var picked = copy.IndexSelect(0, rows);
        return Functional.Dropout(picked, Dropout, training: true);
    }

    private static Tensor OneMinusCosine(Tensor online, Tensor target)
    {
        using var cosine = Functional.CosineSimilarity(online, target, dim: 1);
        using var mean = cosine.Mean();
        return 1 - mean;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && ownsAdjacency) adjacency.Dispose();
    }
}

/// <summary>The terms of one BM3 batch objective (see <see cref="Bm3"/>); <see cref="Total"/> is what is minimised.</summary>
public sealed record Bm3Loss(Tensor UserToItem, Tensor ItemToUser, Tensor Modality, Tensor Regularisation, Tensor Total) : IDisposable
{
    public void Dispose()
    {
        UserToItem.Dispose();
        ItemToUser.Dispose();
        Modality.Dispose();
        Regularisation.Dispose();
        Total.Dispose();
    }
}
