//! The citation graph around a document: what it cites and what cites it,
//! one or two steps out, within [`GraphLimits`] so that a hub cited by
//! thousands of documents costs no more than the limits.
//!
//! Not for: resolving one reference (`super`'s `links`).

use std::collections::{BTreeMap, BTreeSet};

use gazette_link::citations::Reference;
use gazette_store::facts::FactSource;
use serde::Serialize;

use super::ResolvedReference;
use crate::{ArchiveReader, Result};

/// A node of a citation graph.
#[derive(Debug, Clone, Serialize)]
pub struct GraphNode {
    /// The archive's id, or `ext:` and the number or title of a document
    /// the archive does not hold.
    pub id: String,
    /// The document, when the archive holds it.
    pub document: Option<FactSource>,
    /// For an external document: its 发文字号, title and issuing body, as
    /// far as the citation tells.
    pub external: Option<Reference>,
}

/// An edge of a citation graph: `from` cites `to`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GraphEdge {
    /// The citing node's id.
    pub from: String,
    /// The cited node's id.
    pub to: String,
}

/// The citation neighbourhood of a document.
#[derive(Debug, Clone, Serialize)]
pub struct Graph {
    /// The document the graph is centred on.
    pub center: String,
    /// Every node, the centre first.
    pub nodes: Vec<GraphNode>,
    /// Every edge.
    pub edges: Vec<GraphEdge>,
    /// Whether nodes or edges were left out to keep within the
    /// [`GraphLimits`]: the graph is then a part of the neighbourhood.
    pub truncated: bool,
}

/// The most a citation graph may hold: a hub cited by thousands of
/// documents is answered with a part of its neighbourhood, marked
/// [`Graph::truncated`], instead of all of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GraphLimits {
    /// Most nodes, the centre included.
    pub max_nodes: usize,
    /// Most edges.
    pub max_edges: usize,
}

impl Default for GraphLimits {
    fn default() -> Self {
        GraphLimits {
            max_nodes: 200,
            max_edges: 1_000,
        }
    }
}

impl ArchiveReader {
    /// The citation graph around a document: what it cites and what cites
    /// it, `depth` steps out (1 or 2), within the default [`GraphLimits`].
    pub fn graph(&self, key: &str, depth: usize) -> Result<Graph> {
        self.graph_within(key, depth, GraphLimits::default())
    }

    /// Like [`ArchiveReader::graph`], within `limits`: nodes past the limit
    /// are left out with their edges, and only nodes in the graph are
    /// followed a step further, so the work is bounded by the limits too.
    pub fn graph_within(&self, key: &str, depth: usize, limits: GraphLimits) -> Result<Graph> {
        let center = self.links(key)?;
        let mut graph = GraphBuilder::new(limits);
        let center_id = center.document.id.clone();
        let mut followed = BTreeSet::new();
        let mut frontier = vec![center];
        for step in 0..depth.clamp(1, 2) {
            let further = step + 1 < depth;
            let mut next = Vec::new();
            for links in frontier {
                let from = links.document.id.clone();
                if !followed.insert(from.clone())
                    || !graph.add_node(&from, Some(links.document.clone()), None)
                {
                    continue;
                }
                for resolved in &links.references {
                    let Some(to) = graph.node_of_reference(resolved) else {
                        continue;
                    };
                    graph.push_edge(&from, &to);
                    if let (Some(target), true) = (&resolved.target, further) {
                        next.push(target.id.clone());
                    }
                }
                for citing in &links.cited_by {
                    let id = &citing.source.id;
                    if graph.add_node(id, Some(citing.source.clone()), None) {
                        graph.push_edge(id, &from);
                        if further {
                            next.push(id.clone());
                        }
                    }
                }
            }
            frontier = Vec::new();
            for id in next {
                if !followed.contains(&id) {
                    frontier.extend(self.find_links(&id)?);
                }
            }
        }
        Ok(graph.finish(center_id))
    }
}

/// A graph being built within its limits.
struct GraphBuilder {
    nodes: BTreeMap<String, GraphNode>,
    edges: Vec<GraphEdge>,
    edge_set: BTreeSet<(String, String)>,
    limits: GraphLimits,
    truncated: bool,
}

impl GraphBuilder {
    fn new(limits: GraphLimits) -> GraphBuilder {
        GraphBuilder {
            nodes: BTreeMap::new(),
            edges: Vec::new(),
            edge_set: BTreeSet::new(),
            limits,
            truncated: false,
        }
    }

    /// Adds a node unless it is there; `false` when it is not in the
    /// graph because the graph is full.
    fn add_node(
        &mut self,
        id: &str,
        document: Option<FactSource>,
        external: Option<Reference>,
    ) -> bool {
        if self.nodes.contains_key(id) {
            return true;
        }
        if self.nodes.len() >= self.limits.max_nodes.max(1) {
            self.truncated = true;
            return false;
        }
        self.nodes.insert(
            id.to_owned(),
            GraphNode {
                id: id.to_owned(),
                document,
                external,
            },
        );
        true
    }

    /// The node a citation points to: the archive's document, or an
    /// external one named by its number or title; `None` when the graph is
    /// full.
    fn node_of_reference(&mut self, resolved: &ResolvedReference) -> Option<String> {
        if let Some(target) = &resolved.target {
            return self
                .add_node(&target.id, Some(target.clone()), None)
                .then(|| target.id.clone());
        }
        let reference = &resolved.reference;
        let name = reference
            .doc_number
            .clone()
            .or_else(|| reference.title.clone())
            .unwrap_or_default();
        let id = format!("ext:{name}");
        self.add_node(&id, None, Some(reference.clone()))
            .then_some(id)
    }

    /// Adds the edge `from` → `to` once, unless the edges are full.
    fn push_edge(&mut self, from: &str, to: &str) {
        let key = (from.to_owned(), to.to_owned());
        if self.edge_set.contains(&key) {
            return;
        }
        if self.edges.len() >= self.limits.max_edges {
            self.truncated = true;
            return;
        }
        self.edge_set.insert(key);
        self.edges.push(GraphEdge {
            from: from.to_owned(),
            to: to.to_owned(),
        });
    }

    /// The graph, its centre first.
    fn finish(mut self, center: String) -> Graph {
        let mut nodes: Vec<GraphNode> = Vec::with_capacity(self.nodes.len());
        nodes.extend(self.nodes.remove(&center));
        nodes.extend(self.nodes.into_values());
        Graph {
            center,
            nodes,
            edges: self.edges,
            truncated: self.truncated,
        }
    }
}
