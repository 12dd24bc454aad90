/**
 * The organisation tree: city federation, districts, townships, grassroots unions, enterprises.
 * Each organisation can own funds; subtree questions are answered by the org_tree projection.
 */
package org.unionledger.core.org;
