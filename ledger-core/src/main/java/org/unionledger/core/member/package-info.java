/** Members' identity rules that need no database: the national ID number (GB 11643) check. */
package org.unionledger.core.member;
