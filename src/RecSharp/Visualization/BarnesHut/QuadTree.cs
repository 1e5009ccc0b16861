namespace RecSharp.Visualization.BarnesHut;

/// <summary>
/// A 2-d region quadtree over layout points for Barnes-Hut summation: every cell knows how many points it holds and their
/// centre of mass; leaves hold their points (a chain), so a leaf is summed exactly, point by point. Cells are split
/// until each leaf holds one point, except below <see cref="MaxDepth"/>, where (near-)duplicates share a leaf.
/// Built sequentially in point order, so the same layout always gives the same tree.
/// </summary>
public sealed class QuadTree
{
    public const int MaxDepth = 48;

    private readonly double[] xs, ys;
    // Per cell: centre and half side of the square, point count, centre of mass, first child (−1 for a leaf: the four
    // children are consecutive), first point of the leaf chain (−1 when empty).
    private readonly List<double> centreX = [], centreY = [], half = [], massX = [], massY = [];
    private readonly List<int> count = [], firstChild = [], firstPoint = [], depth = [];
    private readonly int[] nextPoint;

    public QuadTree(ReadOnlySpan<double> layout)
    {
        if (layout.Length % 2 != 0) throw new ArgumentException($"expected an n×2 layout, got {layout.Length} values", nameof(layout));
        int n = layout.Length / 2;
        xs = new double[n];
        ys = new double[n];
        double minX = double.PositiveInfinity, minY = double.PositiveInfinity, maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
        for (int i = 0; i < n; i++)
        {
            xs[i] = layout[2 * i];
            ys[i] = layout[2 * i + 1];
            minX = Math.Min(minX, xs[i]); maxX = Math.Max(maxX, xs[i]);
            minY = Math.Min(minY, ys[i]); maxY = Math.Max(maxY, ys[i]);
        }
        nextPoint = new int[n];
        double side = Math.Max(Math.Max(maxX - minX, maxY - minY), 1e-12);
        // A little slack so points on the far edge fall strictly inside.
        NewCell((minX + maxX) / 2, (minY + maxY) / 2, side / 2 * (1 + 1e-9) + 1e-12, 0);
        for (int i = 0; i < n; i++) Insert(i);
    }

    public int Points => xs.Length;
    public int Cells => count.Count;

    private int NewCell(double cx, double cy, double h, int level)
    {
        centreX.Add(cx); centreY.Add(cy); half.Add(h);
        massX.Add(0); massY.Add(0);
        count.Add(0); firstChild.Add(-1); firstPoint.Add(-1); depth.Add(level);
        return count.Count - 1;
    }

    private void AddMass(int cell, double x, double y)
    {
        int c = count[cell] + 1;
        count[cell] = c;
        massX[cell] += (x - massX[cell]) / c;
        massY[cell] += (y - massY[cell]) / c;
    }

    private int Quadrant(int cell, double x, double y) =>
        firstChild[cell] + (x >= centreX[cell] ? 1 : 0) + (y >= centreY[cell] ? 2 : 0);

    private void Insert(int point)
    {
        double x = xs[point], y = ys[point];
        int cell = 0;
        while (true)
        {
            AddMass(cell, x, y);
            if (firstChild[cell] >= 0)
            {
                cell = Quadrant(cell, x, y);
                continue;
            }
            int resident = firstPoint[cell];
            if (resident < 0 || depth[cell] >= MaxDepth)
            {
                nextPoint[point] = resident;
                firstPoint[cell] = point;
                return;
            }
            // A leaf holding one point: split it, move the resident down, and keep descending with the new point.
            double h = half[cell] / 2;
            int first = count.Count;
            for (int q = 0; q < 4; q++)
                NewCell(centreX[cell] + ((q & 1) == 1 ? h : -h), centreY[cell] + ((q & 2) == 2 ? h : -h), h, depth[cell] + 1);
            firstChild[cell] = first;
            firstPoint[cell] = -1;
            int target = Quadrant(cell, xs[resident], ys[resident]);
            AddMass(target, xs[resident], ys[resident]);
            firstPoint[target] = resident;
            nextPoint[resident] = -1;
            cell = Quadrant(cell, x, y);
        }
    }

    /// <summary>
    /// The repulsion on point <paramref name="point"/>: returns Σ_j w_ij and adds Σ_j w_ij² (y_i − y_j) to (fx, fy), with
    /// w = (1 + d²)⁻¹ over all j ≠ i; a cell of side s at distance d from the point counts as one body at its centre of
    /// mass when s / d &lt; <paramref name="theta"/> (θ = 0 is exact).
    /// </summary>
    public double Repulsion(int point, double theta, Span<int> stack, out double fx, out double fy)
    {
        double x = xs[point], y = ys[point], z = 0;
        fx = 0; fy = 0;
        int top = 0;
        stack[top++] = 0;
        while (top > 0)
        {
            int cell = stack[--top];
            if (count[cell] == 0) continue;
            if (firstChild[cell] < 0)
            {
                for (int j = firstPoint[cell]; j >= 0; j = nextPoint[j])
                {
                    if (j == point) continue;
                    double dx = x - xs[j], dy = y - ys[j];
                    double w = 1.0 / (1.0 + dx * dx + dy * dy);
                    z += w;
                    fx += w * w * dx;
                    fy += w * w * dy;
                }
                continue;
            }
            double mx = x - massX[cell], my = y - massY[cell];
            double squared = mx * mx + my * my;
            double side = 2 * half[cell];
            if (side * side < theta * theta * squared)
            {
                double w = 1.0 / (1.0 + squared);
                double m = count[cell];
                z += m * w;
                fx += m * w * w * mx;
                fy += m * w * w * my;
                continue;
            }
            int child = firstChild[cell];
            for (int q = 0; q < 4; q++) stack[top++] = child + q;
        }
        return z;
    }

    /// <summary>Stack room a traversal needs: three more cells per level plus the root.</summary>
    public int StackSize => 3 * (MaxDepth + 1) + 4;
}
